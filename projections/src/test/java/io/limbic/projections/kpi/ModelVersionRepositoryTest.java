package io.limbic.projections.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.FitQuality;
import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.StateSpaceModel;
import io.limbic.projections.matching.ReadModelDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Versions are numbered per tenant, segment and model type, and read back exactly as stored. */
class ModelVersionRepositoryTest {
  static final Instant DAY1 = Instant.parse("2026-01-01T00:00:00Z");

  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.h2();
  }

  @Test
  void numbersVersionsPerModelAndReadsThemBack() throws Exception {
    try (ReadModelDatabase db = open()) {
      ModelVersionRepository repository = new ModelVersionRepository(db.dataSource);
      ModelVersion first = repository.save("acme", "all", "day", fit(1.0, Double.NaN), history(), DAY1);
      ModelVersion second = repository.save("acme", "all", "day", fit(2.0, -3.5), history(), DAY1.plusSeconds(60));
      ModelVersion otherTenant = repository.save("globex", "all", "day", fit(3.0, 1), history(), DAY1);
      ModelVersion otherSegment = repository.save("acme", "vip", "day", fit(4.0, 1), history(), DAY1);

      assertEquals(1, first.version());
      assertEquals(2, second.version());
      assertEquals(1, otherTenant.version());
      assertEquals(1, otherSegment.version());
      assertNull(first.logLikelihood(), "a non-finite log-likelihood is stored as null");
      assertEquals(DAY1, first.from());
      assertEquals(DAY1.plusSeconds(3 * 86_400), first.to(), "to is the end of the last period");

      FittedVersion latest = repository.latest("acme", "all", "state_space").orElseThrow();
      assertEquals(2, latest.version().version());
      assertEquals(2.0, latest.fit().model().A()[0][0]);
      assertEquals(-3.5, latest.fit().quality().logLikelihood());
      assertEquals(ModelSpec.Init.DIFFUSE, latest.fit().spec().init());
      assertEquals(Set.of("Q", "R"), latest.fit().spec().free());
      assertEquals(0, latest.fit().model().controls());
      assertTrue(Double.isNaN(latest.history().y()[1][0]), "a missing observation stays missing");
      assertEquals(List.of(DAY1, DAY1.plusSeconds(86_400), DAY1.plusSeconds(2 * 86_400)), latest.history().periods());

      FittedVersion named = repository.find("acme", "all", "state_space", 1).orElseThrow();
      assertEquals(1.0, named.fit().model().A()[0][0]);
      assertTrue(Double.isNaN(named.fit().quality().logLikelihood()));
      assertTrue(repository.find("acme", "all", "state_space", 3).isEmpty());
      assertTrue(repository.latest("acme", "all", "rc_retention").isEmpty());

      List<ModelVersion> listed = repository.list("acme", "all", null);
      assertEquals(List.of(2, 1), listed.stream().map(ModelVersion::version).toList());
      assertEquals(3, repository.list("acme", null, null).size());
      assertEquals(0, repository.list("acme", null, "ohm_simple").size());
    }
  }

  static FitResult fit(double a, double logL) {
    StateSpaceModel model = new StateSpaceModel(new double[][] {{a}}, new double[][] {{}}, new double[][] {{1}},
        new double[][] {{}}, new double[][] {{0.5}}, new double[][] {{2}}, new double[][] {{0}},
        new double[][] {{1}}, true);
    ModelSpec spec = new ModelSpec("state_space", 1, List.of("sessions"), List.of(), Set.of("Q", "R"),
        Map.of("A", new double[][] {{1}}), ModelSpec.Init.DIFFUSE, 100, 1e-6);
    FitQuality quality = new FitQuality(logL, 2, 4 - 2 * logL, new double[] {1.5}, new double[] {Double.NaN});
    return new FitResult(spec, model, 7, true, quality, "a local level");
  }

  static KpiPanel history() {
    return new KpiPanel(List.of(DAY1, DAY1.plusSeconds(86_400), DAY1.plusSeconds(2 * 86_400)), List.of("sessions"),
        List.of(), new double[][] {{1}, {Double.NaN}, {3}}, new double[][] {{}, {}, {}});
  }
}
