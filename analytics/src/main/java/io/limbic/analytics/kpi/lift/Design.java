package io.limbic.analytics.kpi.lift;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A regression of a KPI on one focal regressor (whose coefficient is the effect asked about) and controls: an
 * intercept always, optionally day-of-week dummies (UTC days; one dummy per weekday present except the first) and a
 * linear trend (period index, centred and divided by the length). Periods where the KPI or any regressor is NaN are
 * left out; controls that never vary in the rows kept are dropped (an all-Monday panel needs no weekday dummies).
 */
public final class Design {
  private final List<Instant> periods;
  private final List<double[]> controls = new ArrayList<>();
  private double[] focal;
  private boolean weekdays;
  private boolean trend;

  public Design(List<Instant> periods) {
    this.periods = List.copyOf(periods);
  }

  public Design focal(double[] values) {
    focal = check(values);
    return this;
  }

  public Design control(double[] values) {
    controls.add(check(values));
    return this;
  }

  public Design weekdays() {
    weekdays = true;
    return this;
  }

  public Design trend() {
    trend = true;
    return this;
  }

  /** OLS of {@code y} on the design; the effect is the focal regressor's coefficient. */
  public Effect effect(double[] y, RobustOls.Covariance covariance) {
    check(y);
    List<Integer> rows = new ArrayList<>();
    for (int t = 0; t < periods.size(); t++) {
      boolean complete = !Double.isNaN(y[t]) && !Double.isNaN(focal[t]);
      for (double[] c : controls) complete &= !Double.isNaN(c[t]);
      if (complete) rows.add(t);
    }
    List<double[]> columns = new ArrayList<>();
    columns.add(focal);
    for (double[] c : controls) columns.add(c);
    if (trend) {
      double[] index = new double[periods.size()];
      double mid = (periods.size() - 1) / 2.0;
      for (int t = 0; t < index.length; t++) index[t] = (t - mid) / periods.size();
      columns.add(index);
    }
    if (weekdays) columns.addAll(weekdayDummies());
    List<double[]> kept = new ArrayList<>();
    if (!varies(focal, rows)) throw new IllegalArgumentException("the focal regressor never varies");
    for (double[] c : columns) if (varies(c, rows)) kept.add(c);
    int n = rows.size();
    double[][] x = new double[n][kept.size() + 1];
    double[] response = new double[n];
    for (int r = 0; r < n; r++) {
      int t = rows.get(r);
      x[r][0] = kept.get(0)[t];
      x[r][1] = 1;
      for (int j = 1; j < kept.size(); j++) x[r][j + 1] = kept.get(j)[t];
      response[r] = y[t];
    }
    int lag = covariance == RobustOls.Covariance.NEWEY_WEST ? RobustOls.automaticLag(n) : 0;
    return RobustOls.fit(x, response, covariance, lag).effect(0);
  }

  private List<double[]> weekdayDummies() {
    List<double[]> out = new ArrayList<>();
    DayOfWeek first = periods.isEmpty() ? DayOfWeek.MONDAY : day(periods.get(0));
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d == first) continue;
      double[] dummy = new double[periods.size()];
      for (int t = 0; t < dummy.length; t++) dummy[t] = day(periods.get(t)) == d ? 1 : 0;
      out.add(dummy);
    }
    return out;
  }

  static DayOfWeek day(Instant period) {
    return period.atZone(ZoneOffset.UTC).getDayOfWeek();
  }

  private static boolean varies(double[] values, List<Integer> rows) {
    if (rows.isEmpty()) return false;
    double first = values[rows.get(0)];
    for (int t : rows) if (values[t] != first) return true;
    return false;
  }

  private double[] check(double[] values) {
    if (values.length != periods.size()) {
      throw new IllegalArgumentException("a series has " + values.length + " values for " + periods.size() + " periods");
    }
    return values;
  }

  /** The series shifted {@code lag} periods later: out[t] = values[t - lag], NaN before the start. */
  public static double[] lagged(double[] values, int lag) {
    double[] out = new double[values.length];
    for (int t = 0; t < values.length; t++) out[t] = t - lag >= 0 && t - lag < values.length ? values[t - lag] : Double.NaN;
    return out;
  }
}
