package io.limbic.projections.kpi;

import io.limbic.analytics.kpi.FitResult;
import io.limbic.analytics.kpi.KpiPanel;

/** A stored version with what simulating or planning from it needs: the fit and the data it was fitted on. */
public record FittedVersion(ModelVersion version, FitResult fit, KpiPanel history) {}
