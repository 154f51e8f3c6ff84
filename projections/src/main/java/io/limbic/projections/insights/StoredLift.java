package io.limbic.projections.insights;

import io.limbic.analytics.kpi.lift.SignalLift;
import java.time.Instant;

/**
 * A stored learned lift with the estimate it replaced ({@code previous}, null for the first), the configured value
 * for the pair (null when none) and whether the learned interval contradicts it.
 */
public record StoredLift(SignalLift lift, Double previous, Double configured, boolean contradicts, String runId,
    Instant learnedAt) {}
