package io.limbic.analytics.kpi;

/**
 * How well a fitted model explains its data: the log-likelihood, AIC = 2k - 2 logL (k free parameters), and per KPI
 * the RMSE and R-squared of the one-step-ahead forecasts (R-squared against the KPI's own mean).
 */
public record FitQuality(double logLikelihood, int freeParameters, double aic, double[] rmse, double[] rSquared) {}
