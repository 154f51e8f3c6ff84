package io.limbic.analytics.kpi.backtest;

import io.limbic.analytics.kpi.KpiPanel;
import java.util.List;

/** Rows [from, to) of a panel with the named KPI and control columns, in the given order. */
final class PanelSlice {
  private PanelSlice() {}

  static KpiPanel of(KpiPanel panel, int from, int to, List<String> kpis, List<String> controls) {
    int[] yCols = columns(panel.kpis(), kpis, "KPI");
    int[] uCols = columns(panel.controls(), controls, "control");
    double[][] y = new double[to - from][];
    double[][] u = new double[to - from][];
    for (int t = from; t < to; t++) {
      y[t - from] = pick(panel.y()[t], yCols);
      u[t - from] = pick(panel.u()[t], uCols);
    }
    return new KpiPanel(panel.periods().subList(from, to), kpis, controls, y, u);
  }

  static int[] columns(List<String> available, List<String> wanted, String what) {
    int[] out = new int[wanted.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = available.indexOf(wanted.get(i));
      if (out[i] < 0) throw new IllegalArgumentException("the data has no " + what + " '" + wanted.get(i) + "'");
    }
    return out;
  }

  static double[] pick(double[] row, int[] cols) {
    double[] out = new double[cols.length];
    for (int i = 0; i < cols.length; i++) out[i] = row[cols[i]];
    return out;
  }

  /** The last non-missing value of column {@code col} in rows before {@code to}; NaN when there is none. */
  static double lastObserved(KpiPanel panel, int col, int to) {
    for (int t = to - 1; t >= 0; t--) {
      double v = panel.y()[t][col];
      if (!Double.isNaN(v)) return v;
    }
    return Double.NaN;
  }
}
