package io.limbic.cluster.models;

import io.limbic.analytics.kpi.Forecaster;
import io.limbic.analytics.kpi.KpiModelFamily;
import io.limbic.analytics.kpi.Planner;
import io.limbic.projections.jobs.JobSubmitter;
import io.limbic.projections.kpi.KpiSeriesSource;
import java.util.List;

/**
 * What the model API computes with. Any of them may be missing (null, or no families): the requests that need it
 * then answer 501 naming what is missing, and the node still starts.
 */
public record ModelComponents(
    List<KpiModelFamily> families, Forecaster forecaster, Planner planner, KpiSeriesSource series,
    JobSubmitter jobs) {

  public ModelComponents {
    families = List.copyOf(families);
  }

  /** Nothing wired: every model request answers 501 (tests of the API without models). */
  public static ModelComponents unwired() {
    return new ModelComponents(List.of(), null, null, null, null);
  }
}
