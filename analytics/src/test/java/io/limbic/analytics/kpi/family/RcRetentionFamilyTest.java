package io.limbic.analytics.kpi.family;

import static io.limbic.analytics.kpi.family.FamilySimulation.GAINS;
import static io.limbic.analytics.kpi.family.FamilySimulation.Q;
import static io.limbic.analytics.kpi.family.FamilySimulation.S;
import static io.limbic.analytics.kpi.family.FamilySimulation.TAU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.PlanConstraints;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.Recommendation;
import io.limbic.analytics.kpi.Target;
import io.limbic.analytics.kpi.control.ModelPredictiveControl;
import java.util.List;
import org.junit.jupiter.api.Test;

class RcRetentionFamilyTest {
  private static final ModelSpec SPEC =
      FamilySimulation.spec(RcRetentionFamily.TYPE, "retention", List.of("sessions", "interventions"));

  private static FitResult fit(KpiPanel panel) {
    return new RcRetentionFamily().fit(panel, SPEC, Progress.NONE);
  }

  /**
   * Tolerances are about four standard deviations of each estimate over ten replications of this design (730 days),
   * measured while writing the test: tau 0.37, g_sessions 1e-4, g_interventions 1e-3, q 1.5e-5, s 2.6e-5.
   */
  @Test
  void recoversTheTimeConstantGainsAndNoise() {
    for (long seed = 1; seed <= 3; seed++) {
      FitResult fit = fit(FamilySimulation.retention(730, seed));
      double tau = -1 / Math.log(fit.model().A()[0][0]);
      assertEquals(TAU, tau, 0.15 * TAU, "tau, seed " + seed);
      assertEquals(GAINS[0], fit.model().B()[0][0], 0.2 * GAINS[0], "sessions gain");
      assertEquals(GAINS[1], fit.model().B()[0][1], 0.4 * GAINS[1], "interventions gain");
      assertEquals(Q, fit.model().Q()[0][0], 0.6 * Q, "process variance");
      assertEquals(S, fit.model().R()[0][0], 0.3 * S, "observation variance");
      assertTrue(fit.converged());
      assertEquals(5, fit.quality().freeParameters());
      assertEquals(2 * 5 - 2 * fit.quality().logLikelihood(), fit.quality().aic(), 1e-9);
      assertTrue(fit.quality().rSquared()[0] > 0.6, "R2 " + fit.quality().rSquared()[0]);
      assertTrue(fit.quality().rmse()[0] < 2 * Math.sqrt(Q + S), "RMSE " + fit.quality().rmse()[0]);
      assertTrue(fit.notes().contains("tau"));
    }
  }

  @Test
  void fitsItsOwnDataBetterThanTheSameValuesShuffledInTime() {
    KpiPanel own = FamilySimulation.retention(730, 4);
    double ownLogL = fit(own).quality().logLikelihood();
    double shuffledLogL = fit(FamilySimulation.shuffled(own, 5)).quality().logLikelihood();
    assertTrue(ownLogL > shuffledLogL + 100, ownLogL + " vs " + shuffledLogL);
  }

  @Test
  void toleratesMissingDaysAndChecksTheSpec() {
    KpiPanel panel = FamilySimulation.retention(400, 6);
    for (int t = 3; t < panel.length(); t += 9) panel.y()[t][0] = Double.NaN;
    FitResult fit = fit(panel);
    assertEquals(TAU, -1 / Math.log(fit.model().A()[0][0]), 0.25 * TAU);
    ModelSpec two = FamilySimulation.spec(RcRetentionFamily.TYPE, "retention", List.of("sessions"));
    ModelSpec badKpis = new ModelSpec(RcRetentionFamily.TYPE, 1, List.of("retention", "churned"), List.of(),
        two.free(), two.fixed(), two.init(), 10, 1e-6);
    assertThrows(IllegalArgumentException.class, () -> new RcRetentionFamily().fit(panel, badKpis, Progress.NONE));
    ModelSpec unknown = FamilySimulation.spec(RcRetentionFamily.TYPE, "retention", List.of("campaigns"));
    assertThrows(IllegalArgumentException.class, () -> new RcRetentionFamily().fit(panel, unknown, Progress.NONE));
  }

  @Test
  void thePlannerSpendsABudgetOnTheInputThatRechargesMost() {
    KpiPanel history = FamilySimulation.retention(730, 7);
    FitResult fit = fit(history);
    Recommendation plan = new ModelPredictiveControl().recommend(fit, history, new Target("retention", null, 1e-6), 14,
        new PlanConstraints(new double[] {0, 0}, new double[] {60, 10}, 100), Progress.NONE);
    double sessions = 0;
    double interventions = 0;
    for (double[] row : plan.inputs()) {
      sessions += row[0];
      interventions += row[1];
    }
    // An intervention recharges about five times as much as a session: the budget goes to interventions.
    assertEquals(100, sessions + interventions, 1e-6);
    assertTrue(interventions > 99, "interventions " + interventions);
    assertTrue(plan.predicted().mean()[13][0] > plan.baseline().mean()[13][0]);
  }
}
