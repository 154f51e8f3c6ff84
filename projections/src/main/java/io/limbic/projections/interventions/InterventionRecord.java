package io.limbic.projections.interventions;

import java.time.Instant;

/** One decision as the read model has it; {@code feedback} fields are null when none was given. */
public record InterventionRecord(
    String decisionId, String userId, String sessionId, String contextId, String variantId, boolean holdout,
    String reason, String emotion, double confidence, String channel, double cost, double lifetimeValue,
    Instant decidedAt, Instant windowEndsAt, boolean delivered, String deliveryDetail, Instant deliveredAt,
    String outcome, Instant outcomeAt, Boolean falsePositive, String feedbackNote) {}
