package io.limbic.analytics.kpi.lift;

/**
 * The learned effect of one unit of {@code signal} in period t - {@code lag} on {@code kpi} in period t, within one
 * segment: the OLS coefficient with its robust 95 % interval, sample size and p-value. {@code model} names how it was
 * estimated.
 */
public record SignalLift(String segment, String kpi, String signal, int lag, Effect effect, String model) {}
