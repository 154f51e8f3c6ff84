package io.limbic.analytics.kpi.family;

import static io.limbic.analytics.kpi.family.FamilySimulation.K;
import static io.limbic.analytics.kpi.family.FamilySimulation.LOG_Q;
import static io.limbic.analytics.kpi.family.FamilySimulation.LOG_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.StateSpaceModel;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OhmSimpleFamilyTest {
  private static final ModelSpec SPEC =
      FamilySimulation.spec(OhmSimpleFamily.TYPE, "sessions", List.of("emotions.rage", "emotions.confusion"));

  private static FitResult fit(KpiPanel panel) {
    return new OhmSimpleFamily().fit(panel, SPEC, Progress.NONE);
  }

  private static double[] fittedK(FitResult fit) {
    Matcher m = Pattern.compile("k = \\[([^,]+), ([^\\]]+)\\]").matcher(fit.notes());
    assertTrue(m.find(), fit.notes());
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
  }

  private static double number(FitResult fit, String label) {
    Matcher m = Pattern.compile(label + " ([0-9.eE+-]+)").matcher(fit.notes());
    assertTrue(m.find(), fit.notes());
    return Double.parseDouble(m.group(1));
  }

  /**
   * Tolerances are about four standard deviations of each estimate over ten replications of this design (365 days),
   * measured while writing the test: k_rage 0.0015, k_confusion 0.005, log-scale q 7e-5, s 1.5e-4.
   */
  @Test
  void recoversFrictionGainsAndNoise() {
    for (long seed = 1; seed <= 3; seed++) {
      FitResult fit = fit(FamilySimulation.engagement(365, seed));
      double[] k = fittedK(fit);
      assertEquals(K[0], k[0], 0.1 * K[0], "k rage, seed " + seed);
      assertEquals(K[1], k[1], 0.15 * K[1], "k confusion, seed " + seed);
      assertEquals(LOG_Q, number(fit, "process variance"), 0.7 * LOG_Q, "process variance");
      assertEquals(LOG_S, number(fit, "observation variance"), 0.25 * LOG_S, "observation variance");
      assertEquals(4, fit.quality().freeParameters());
      assertTrue(fit.quality().rSquared()[0] > 0.8, "R2 " + fit.quality().rSquared()[0]);
    }
  }

  @Test
  void fitsItsOwnDataBetterThanTheSameValuesShuffledInTime() {
    KpiPanel own = FamilySimulation.engagement(365, 4);
    double ownLogL = fit(own).quality().logLikelihood();
    double shuffledLogL = fit(FamilySimulation.shuffled(own, 5)).quality().logLikelihood();
    assertTrue(ownLogL > shuffledLogL + 50, ownLogL + " vs " + shuffledLogL);
  }

  @Test
  void theLinearFormIsExactAtItsPointAndFirstOrderNearIt() {
    double[] k = {0.1, 0.2};
    double[] zMean = {4, 2};
    double motivation = 120;
    StateSpaceModel model = OhmSimpleFamily.linearForm(k, zMean, motivation, 1e-4, 1e-3);
    double c = 1 / (1 + 0.4 + 0.4);
    double state = c * motivation + motivation * c * c * (0.1 * 4 + 0.2 * 2);
    double atPoint = state + model.D()[0][0] * 4 + model.D()[0][1] * 2;
    assertEquals(motivation / 1.8, atPoint, 1e-9);
    double near = state + model.D()[0][0] * 4.1 + model.D()[0][1] * 2;
    double exact = motivation / (1.8 + 0.01);
    assertEquals(exact, near, 0.01 * 0.01 * motivation);
    assertEquals(c * c * motivation * motivation * 1e-3, model.R()[0][0], 1e-12);
  }

  @Test
  void rejectsANonPositiveKpiAndHonoursCancellation() {
    KpiPanel panel = FamilySimulation.engagement(50, 8);
    panel.y()[10][0] = 0;
    assertThrows(IllegalArgumentException.class, () -> fit(panel));
    Progress cancelled = new Progress() {
      @Override
      public void report(double fraction) {}

      @Override
      public boolean cancelled() {
        return true;
      }
    };
    assertThrows(Progress.Cancelled.class,
        () -> new OhmSimpleFamily().fit(FamilySimulation.engagement(50, 9), SPEC, cancelled));
  }
}
