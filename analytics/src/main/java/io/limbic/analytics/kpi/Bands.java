package io.limbic.analytics.kpi;

/**
 * Predicted KPI paths: for each future step h (0-based) and KPI i, the mean and the 2.5 %, 25 %, 75 % and 97.5 %
 * quantiles (50 % and 95 % bands), from {@code paths} Monte Carlo paths or, where {@code paths} is 0, from the exact
 * Gaussian forecast distribution.
 */
public record Bands(
    double[][] mean, double[][] lower95, double[][] lower50, double[][] upper50, double[][] upper95, int paths) {}
