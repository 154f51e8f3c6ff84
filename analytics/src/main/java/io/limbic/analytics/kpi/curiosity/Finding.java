package io.limbic.analytics.kpi.curiosity;

import io.limbic.analytics.kpi.lift.Effect;

/**
 * A tested hypothesis: its effect (estimate, 95 % interval, sample size, p-value), its Benjamini-Hochberg q-value
 * among all hypotheses of the run, and whether it is a discovery at the run's false discovery rate.
 */
public record Finding(String template, String statement, String segment, String kpi, String subject, int lag,
    Effect effect, double qValue, boolean discovery) {}
