package io.limbic.projections.insights;

import io.limbic.analytics.kpi.curiosity.Finding;
import java.time.Instant;

/** A stored finding with the false discovery rate of its run. */
public record StoredFinding(Finding finding, double fdr, String runId, Instant foundAt) {}
