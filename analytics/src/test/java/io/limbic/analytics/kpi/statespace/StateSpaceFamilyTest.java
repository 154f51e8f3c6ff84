package io.limbic.analytics.kpi.statespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateSpaceFamilyTest {

  @Test
  void fitsAndReportsQualityWithParametersCountedOnce() {
    SimulatedModel data = SimulatedModel.draw(SimulatedModel.twoStates(), 400, 41);
    KpiPanel panel = MonteCarloForecasterTest.panel(data);
    // every parameter free, diffuse: A 4 + B 2 + C 6 + D 3 + Q 3 + R 6 = 24 (mu1, V1 do not exist when diffuse)
    ModelSpec spec = new ModelSpec("state_space", 2, List.of("a", "b", "c"), List.of("u"), Set.of(), Map.of(),
        ModelSpec.Init.DIFFUSE, 100, 1e-9);
    FitResult fit = new StateSpaceFamily().fit(panel, spec, Progress.NONE);
    assertEquals("state_space", new StateSpaceFamily().type());
    assertEquals(24, fit.quality().freeParameters());
    assertEquals(48 - 2 * fit.quality().logLikelihood(), fit.quality().aic(), 1e-9);
    assertEquals(3, fit.quality().rmse().length);
    for (int i = 0; i < 3; i++) {
      // one-step forecasts of a persistent process explain much of its variance; the error is at least the noise
      assertTrue(fit.quality().rSquared()[i] > 0.3 && fit.quality().rSquared()[i] < 1, "R2 " + i);
      assertTrue(fit.quality().rmse()[i] > Math.sqrt(SimulatedModel.twoStates().R()[i][i]) * 0.8, "RMSE " + i);
    }
    assertTrue(fit.iterations() > 0 && fit.iterations() <= 100);
  }

  @Test
  void selectsTheSpecsColumnsByName() {
    SimulatedModel data = SimulatedModel.draw(SimulatedModel.twoStates(), 100, 42);
    KpiPanel panel = MonteCarloForecasterTest.panel(data);
    ModelSpec spec = new ModelSpec("state_space", 1, List.of("c"), List.of(), Set.of("Q", "R"),
        Map.of("A", new double[][] {{1}}, "C", new double[][] {{1}}), ModelSpec.Init.DIFFUSE, 50, 1e-9);
    FitResult fit = new StateSpaceFamily().fit(panel, spec, Progress.NONE);
    assertEquals(1, fit.model().kpis());
    assertEquals(0, fit.model().controls());
    assertEquals(2, fit.quality().freeParameters());
    ModelSpec unknown = new ModelSpec("state_space", 1, List.of("nope"), List.of(), Set.of(), Map.of(),
        ModelSpec.Init.DIFFUSE, 5, 1e-9);
    assertThrows(IllegalArgumentException.class, () -> new StateSpaceFamily().fit(panel, unknown, Progress.NONE));
    ModelSpec badName = new ModelSpec("state_space", 1, List.of("c"), List.of(), Set.of("Z"), Map.of(),
        ModelSpec.Init.DIFFUSE, 5, 1e-9);
    assertThrows(IllegalArgumentException.class, () -> new StateSpaceFamily().fit(panel, badName, Progress.NONE));
  }
}
