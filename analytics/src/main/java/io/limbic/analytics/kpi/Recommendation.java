package io.limbic.analytics.kpi;

/**
 * An input plan ({@code inputs[h][j]}: control j in future period h), the KPI path it is predicted to give with its
 * bands, the same prediction for doing nothing (all controls 0, or their minimum), and how it was found.
 */
public record Recommendation(double[][] inputs, Bands predicted, Bands baseline, double objective, String method) {}
