package io.limbic.analytics.kpi.statespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Durbin and Koopman's local-level example (Time Series Analysis by State Space Methods, 2nd ed. 2012, sections
 * 2.2.5 and 2.10): the Nile flows 1871-1970 ({@code kpi/nile.csv}, R datasets::Nile), y(t) = mu(t) + eps,
 * mu(t+1) = mu(t) + eta, mu(1) diffuse. Published: MLE sigma2_eps = 15099, sigma2_eta = 1469.1, log-likelihood
 * -632.54 (their eq. 2.63).
 */
class NileLocalLevelTest {
  static final double SIGMA2_EPS = 15099;
  static final double SIGMA2_ETA = 1469.1;

  static double[] nile() {
    List<Double> values = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        NileLocalLevelTest.class.getResourceAsStream("/kpi/nile.csv"), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty() || !Character.isDigit(line.charAt(0))) continue;
        values.add(Double.parseDouble(line.split(",")[1]));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static StateSpaceModel localLevel(double eps, double eta) {
    return new StateSpaceModel(new double[][] {{1}}, new double[1][0], new double[][] {{1}}, new double[1][0],
        new double[][] {{eta}}, new double[][] {{eps}}, new double[][] {{0}}, new double[][] {{0}}, true);
  }

  static double[][] column(double[] values) {
    double[][] out = new double[values.length][1];
    for (int t = 0; t < values.length; t++) out[t][0] = values[t];
    return out;
  }

  /**
   * The exact diffuse recursion of the local level, written out independently of the filter: after the first
   * observation the diffuse filter has a(2) = y(1), P(2) = sigma2_eps + sigma2_eta exactly (D&K section 2.9); then
   * F = P + eps, v = y - a, K = P/F, a += K v, P = P (1 - K) + eta, and eq. 2.63:
   * log Ld = -((n-1)/2) log 2 pi - 1/2 sum_{t=2..n} (log F(t) + v(t)^2 / F(t)).
   */
  static double diffuseLogLikelihood(double[] y, double eps, double eta) {
    double level = y[0];
    double variance = eps + eta;
    double sum = 0;
    for (int t = 1; t < y.length; t++) {
      double f = variance + eps;
      double v = y[t] - level;
      sum += Math.log(f) + v * v / f;
      double gain = variance / f;
      level += gain * v;
      variance = variance * (1 - gain) + eta;
    }
    return -0.5 * (y.length - 1) * Math.log(2 * Math.PI) - 0.5 * sum;
  }

  @Test
  void diffuseLogLikelihoodAtThePublishedParametersMatchesTheExactRecursion() {
    double[] y = nile();
    assertEquals(100, y.length);
    double exact = diffuseLogLikelihood(y, SIGMA2_EPS, SIGMA2_ETA);
    // -632.5456251156736 by the recursion above (also computed the same way in Python); D&K print -632.54
    assertEquals(-632.5456251156736, exact, 1e-9);
    assertEquals(-632.54, exact, 0.01);
    double filtered = KalmanFilter.run(localLevel(SIGMA2_EPS, SIGMA2_ETA), column(y), new double[100][0])
        .logLikelihood();
    assertEquals(exact, filtered, 1e-6);
  }

  @Test
  void emFindsThePublishedMaximumLikelihoodEstimates() {
    double[] y = nile();
    List<Instant> years = new ArrayList<>();
    for (int t = 0; t < y.length; t++) years.add(LocalDate.of(1871 + t, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
    KpiPanel panel = new KpiPanel(years, List.of("flow"), List.of(), column(y), new double[y.length][0]);
    ModelSpec spec = new ModelSpec("state_space", 1, List.of("flow"), List.of(), Set.of("Q", "R"),
        Map.of("A", new double[][] {{1}}, "C", new double[][] {{1}}), ModelSpec.Init.DIFFUSE, 5000, 1e-13);
    FitResult fit = new StateSpaceFamily().fit(panel, spec, Progress.NONE);
    double eps = fit.model().R()[0][0];
    double eta = fit.model().Q()[0][0];
    assertEquals(SIGMA2_EPS, eps, 0.005 * SIGMA2_EPS, "sigma2_eps");
    assertEquals(SIGMA2_ETA, eta, 0.005 * SIGMA2_ETA, "sigma2_eta");
    // a maximum of the independent recursion too: a 1 % step in either variance lowers it
    double best = diffuseLogLikelihood(y, eps, eta);
    assertEquals(best, fit.quality().logLikelihood(), 1e-6);
    for (double factor : new double[] {0.99, 1.01}) {
      assertTrue(diffuseLogLikelihood(y, eps * factor, eta) < best);
      assertTrue(diffuseLogLikelihood(y, eps, eta * factor) < best);
    }
    assertEquals(2, fit.quality().freeParameters());
    assertEquals(4 - 2 * fit.quality().logLikelihood(), fit.quality().aic(), 1e-9);
    System.out.printf("Nile EM: %d iterations, sigma2_eps %.2f, sigma2_eta %.2f, logL %.6f%n",
        fit.iterations(), eps, eta, best);
  }
}
