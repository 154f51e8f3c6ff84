package io.limbic.analytics.kpi.family;

import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import java.util.List;

/**
 * The columns a one-KPI family reads from a panel, by the names in its {@link ModelSpec}: {@code kpis.get(0)} is the
 * KPI it explains, {@code controls} its inputs in spec order; and the fit-quality figures both families report.
 */
record FamilyData(double[] y, double[][] u) {

  static FamilyData of(KpiPanel panel, ModelSpec spec, String type, String kpiRole) {
    if (spec.kpis().size() != 1) {
      throw new IllegalArgumentException(type + " explains exactly one KPI (" + kpiRole + "); got " + spec.kpis());
    }
    if (spec.states() > 1) throw new IllegalArgumentException(type + " has one state; got states = " + spec.states());
    int kpi = index(panel.kpis(), spec.kpis().get(0), "kpi");
    List<String> controls = spec.controls();
    int[] columns = new int[controls.size()];
    for (int j = 0; j < columns.length; j++) columns[j] = index(panel.controls(), controls.get(j), "control");
    double[] y = new double[panel.length()];
    double[][] u = new double[panel.length()][columns.length];
    for (int t = 0; t < y.length; t++) {
      y[t] = panel.y()[t][kpi];
      for (int j = 0; j < columns.length; j++) u[t][j] = panel.u()[t][columns[j]];
    }
    return new FamilyData(y, u);
  }

  int controls() {
    return u.length == 0 ? 0 : u[0].length;
  }

  /** logL, AIC and the one-step RMSE and R-squared (against the mean of the counted observations). */
  static FitQuality quality(double logLikelihood, int freeParameters, double[] observed, double[] oneStep) {
    double sum = 0;
    int n = 0;
    for (int t = 0; t < observed.length; t++) {
      if (!Double.isNaN(oneStep[t]) && !Double.isNaN(observed[t])) {
        sum += observed[t];
        n++;
      }
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    double squared = 0;
    double total = 0;
    for (int t = 0; t < observed.length; t++) {
      if (!Double.isNaN(oneStep[t]) && !Double.isNaN(observed[t])) {
        squared += (observed[t] - oneStep[t]) * (observed[t] - oneStep[t]);
        total += (observed[t] - mean) * (observed[t] - mean);
      }
    }
    double rmse = n == 0 ? Double.NaN : Math.sqrt(squared / n);
    double r2 = total == 0 ? Double.NaN : 1 - squared / total;
    return new FitQuality(logLikelihood, freeParameters, 2.0 * freeParameters - 2 * logLikelihood,
        new double[] {rmse}, new double[] {r2});
  }

  private static int index(List<String> names, String name, String what) {
    int i = names.indexOf(name);
    if (i < 0) throw new IllegalArgumentException("the data has no " + what + " named " + name);
    return i;
  }
}
