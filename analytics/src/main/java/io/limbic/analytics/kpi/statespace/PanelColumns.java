package io.limbic.analytics.kpi.statespace;

import io.limbic.analytics.kpi.KpiPanel;
import java.util.List;

/**
 * The KPI and control columns of a panel in the order a model spec names them: all KPIs when it names none, no
 * controls when it names none.
 */
final class PanelColumns {
  private PanelColumns() {}

  static double[][] kpis(KpiPanel panel, List<String> wanted) {
    return select(panel.y(), panel.kpis(), wanted.isEmpty() ? panel.kpis() : wanted, "KPI");
  }

  static double[][] controls(KpiPanel panel, List<String> wanted) {
    return select(panel.u(), panel.controls(), wanted, "control");
  }

  private static double[][] select(double[][] data, List<String> names, List<String> wanted, String what) {
    int[] index = new int[wanted.size()];
    for (int k = 0; k < index.length; k++) {
      index[k] = names.indexOf(wanted.get(k));
      if (index[k] < 0) throw new IllegalArgumentException("the data have no " + what + " '" + wanted.get(k) + "'");
    }
    double[][] out = new double[data.length][index.length];
    for (int t = 0; t < data.length; t++) {
      for (int k = 0; k < index.length; k++) out[t][k] = data[t][index[k]];
    }
    return out;
  }
}
