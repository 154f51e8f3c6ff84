package io.limbic.analytics.kpi;

/**
 * A fitted model: its spec, the estimated parameters as one {@link StateSpaceModel} (every family states its model in
 * this linear form, which simulation and control use), the iterations EM ran and whether it converged by tolerance,
 * and its fit quality. {@code notes} says in words what the family's parameters mean (e.g. a fitted time constant).
 */
public record FitResult(
    ModelSpec spec, StateSpaceModel model, int iterations, boolean converged, FitQuality quality, String notes) {}
