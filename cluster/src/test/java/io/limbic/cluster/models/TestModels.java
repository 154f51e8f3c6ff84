package io.limbic.cluster.models;

import io.limbic.projections.jobs.JobSubmitter;
import java.util.List;

/** The test family, forecaster and planner as a node's model components; no KPI read model (inline data only). */
public final class TestModels {
  private TestModels() {}

  public static ModelComponents components(JobSubmitter jobs) {
    return new ModelComponents(List.of(new LocalLevelFamily()), new GaussianLocalLevelForecaster(),
        new ClampedPlanner(), null, jobs);
  }
}
