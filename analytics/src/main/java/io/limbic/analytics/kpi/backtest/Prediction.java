package io.limbic.analytics.kpi.backtest;

import java.time.Instant;

/**
 * One forecast value: KPI {@code kpi} for {@code period}, made at {@code origin} (the first period the model did not
 * see) {@code step} periods ahead (1 = the origin itself), with its 95 % band. {@code reference} is the last value
 * observed before the origin (what directional accuracy compares against; NaN when there was none) and
 * {@code actual} the value observed for the period (NaN while it has not arrived).
 */
public record Prediction(
    Instant period, String kpi, Instant origin, int step, double predicted, double lower95, double upper95,
    double reference, double actual) {

  public boolean hasActual() {
    return !Double.isNaN(actual);
  }

  public boolean covered() {
    return actual >= lower95 && actual <= upper95;
  }

  public Prediction withActual(double value) {
    return new Prediction(period, kpi, origin, step, predicted, lower95, upper95, reference, value);
  }
}
