package io.limbic.analytics.kpi.lift;

/**
 * A configured lift next to the learned one: {@code contradicts} when the configured value lies outside the learned
 * 95 % interval. {@code learned} is null when no lift could be learned for the pair (no data, or a signal that never
 * varied); such a pair never contradicts.
 */
public record LiftComparison(String kpi, String signal, double configured, SignalLift learned, boolean contradicts) {}
