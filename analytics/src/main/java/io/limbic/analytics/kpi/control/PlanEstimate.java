package io.limbic.analytics.kpi.control;

/** A plan's posterior mean reward, its standard deviation and the central 95 % credible interval of that mean. */
public record PlanEstimate(double mean, double sd, double lower95, double upper95) {}
