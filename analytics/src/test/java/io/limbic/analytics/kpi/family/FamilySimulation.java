package io.limbic.analytics.kpi.family;

import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Daily panels simulated from each family with known parameters (behaviour tests only, not claims about people). */
final class FamilySimulation {
  static final double TAU = 10;
  static final double[] GAINS = {0.002, 0.01};
  static final double Q = 1e-4;
  static final double S = 4e-4;
  static final double[] K = {0.08, 0.15};
  static final double LOG_Q = 0.02 * 0.02;
  static final double LOG_S = 0.05 * 0.05;

  private FamilySimulation() {}

  static List<Instant> days(int n) {
    List<Instant> periods = new ArrayList<>();
    for (int t = 0; t < n; t++) periods.add(Instant.ofEpochSecond(86_400L * t));
    return periods;
  }

  static ModelSpec spec(String type, String kpi, List<String> controls) {
    return new ModelSpec(type, 1, List.of(kpi), controls, Set.of(), Map.of(), ModelSpec.Init.DIFFUSE, 200, 1e-7);
  }

  /** Retention with sessions ~ U(20, 40) and interventions ~ U{0..4} per day. */
  static KpiPanel retention(int n, long seed) {
    Random random = new Random(seed);
    double a = Math.exp(-1 / TAU);
    double[][] y = new double[n][1];
    double[][] u = new double[n][2];
    double r = (GAINS[0] * 30 + GAINS[1] * 2) / (1 - a);
    for (int t = 0; t < n; t++) {
      u[t][0] = 20 + 20 * random.nextDouble();
      u[t][1] = random.nextInt(5);
      y[t][0] = r + Math.sqrt(S) * random.nextGaussian();
      r = a * r + GAINS[0] * u[t][0] + GAINS[1] * u[t][1] + Math.sqrt(Q) * random.nextGaussian();
    }
    return new KpiPanel(days(n), List.of("retention"), List.of("sessions", "interventions"), y, u);
  }

  /** Engagement from motivation near 100 with rage ~ U{0..10} and confusion ~ U{0..6} per day. */
  static KpiPanel engagement(int n, long seed) {
    Random random = new Random(seed);
    double[][] y = new double[n][1];
    double[][] u = new double[n][2];
    double m = Math.log(100);
    for (int t = 0; t < n; t++) {
      u[t][0] = random.nextInt(11);
      u[t][1] = random.nextInt(7);
      double friction = 1 + K[0] * u[t][0] + K[1] * u[t][1];
      y[t][0] = Math.exp(m + Math.sqrt(LOG_S) * random.nextGaussian()) / friction;
      m += Math.sqrt(LOG_Q) * random.nextGaussian();
    }
    return new KpiPanel(days(n), List.of("sessions"), List.of("emotions.rage", "emotions.confusion"), y, u);
  }

  /** The same panel with its KPI column permuted in time: same values, no dynamics and no link to the inputs. */
  static KpiPanel shuffled(KpiPanel panel, long seed) {
    Random random = new Random(seed);
    double[][] y = new double[panel.length()][];
    for (int t = 0; t < y.length; t++) y[t] = panel.y()[t].clone();
    for (int t = y.length - 1; t > 0; t--) {
      int j = random.nextInt(t + 1);
      double[] tmp = y[t];
      y[t] = y[j];
      y[j] = tmp;
    }
    return new KpiPanel(panel.periods(), panel.kpis(), panel.controls(), y, panel.u());
  }
}
