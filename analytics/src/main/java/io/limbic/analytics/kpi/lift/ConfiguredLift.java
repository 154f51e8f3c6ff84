package io.limbic.analytics.kpi.lift;

/** A hand-set assumption: one unit of {@code signal} changes {@code kpi} by {@code value}. */
public record ConfiguredLift(String kpi, String signal, double value) {}
