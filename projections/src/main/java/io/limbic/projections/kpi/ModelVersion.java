package io.limbic.projections.kpi;

import java.time.Instant;

/**
 * One fitted version of a tenant's model for a segment, as listed: {@code from} is the first period's start and
 * {@code to} the end of its last period (exclusive). {@code logLikelihood} and {@code aic} are null when not
 * finite.
 */
public record ModelVersion(
    String segment, String type, int version, Instant fittedAt, String grain, Instant from, Instant to,
    int periods, Double logLikelihood, Double aic, int iterations, boolean converged) {}
