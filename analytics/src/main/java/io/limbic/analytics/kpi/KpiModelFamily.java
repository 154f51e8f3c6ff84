package io.limbic.analytics.kpi;

/**
 * One model type of the electro-behaviour family ({@code state_space}, {@code rc_retention}, {@code ohm_simple}).
 * Each family fits its own parameters but states the result as a {@link StateSpaceModel}, so simulation and control
 * are shared.
 */
public interface KpiModelFamily {
  String type();

  /** Fits the model; checks {@code progress.cancelled()} every iteration. */
  FitResult fit(KpiPanel data, ModelSpec spec, Progress progress);
}
