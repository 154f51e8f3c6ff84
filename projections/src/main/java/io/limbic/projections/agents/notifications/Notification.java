package io.limbic.projections.agents.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What a webhook receives (as JSON) about one notable event. Version 1 of the payload.
 *
 * @param idempotencyKey persistence id and sequence number of the event; the same on every delivery
 * @param kind "emotion" (a session turned to rage or frustration) or "churn" (product events of type churn)
 * @param emotion the state for kind emotion
 * @param productEventIds the client's ids of the churn events for kind churn
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
    String idempotencyKey, String tenant, String kind, String userId, String sessionId, Instant at, String summary,
    String emotion, Double confidence, String url, List<String> productEventIds) {}
