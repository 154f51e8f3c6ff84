package io.limbic.analytics.forensics;

import java.time.Instant;

/** One decision as forensics counts it; {@code outcome} is "success", "failure" or null (none in the window). */
public record DecisionRow(
    String contextId, String variantId, boolean holdout, Instant decidedAt, String outcome, double cost,
    double lifetimeValue) {}
