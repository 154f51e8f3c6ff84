package io.limbic.analytics.kpi;

/**
 * Limits on an input plan: per control, the least and most it may be in any period, and a budget on the sum of all
 * controls over the horizon ({@code Double.POSITIVE_INFINITY} for none).
 */
public record PlanConstraints(double[] min, double[] max, double budget) {}
