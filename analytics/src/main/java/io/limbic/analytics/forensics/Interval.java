package io.limbic.analytics.forensics;

/** A point estimate with its 95 % interval; {@code low} and {@code high} are NaN when there is too little data. */
public record Interval(double estimate, double low, double high) {
  public static Interval unknown(double estimate) {
    return new Interval(estimate, Double.NaN, Double.NaN);
  }

  public boolean covers(double value) {
    return low <= value && value <= high;
  }

  public Interval times(double factor) {
    return factor >= 0
        ? new Interval(estimate * factor, low * factor, high * factor)
        : new Interval(estimate * factor, high * factor, low * factor);
  }
}
