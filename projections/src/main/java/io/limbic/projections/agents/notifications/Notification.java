package io.limbic.projections.agents.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What a webhook receives (as JSON) about one notable event. Version 1 of the payload.
 *
 * @param idempotencyKey persistence id and sequence number of the event; the same on every delivery
 * @param kind "emotion" (a session turned to rage or frustration), "churn" (product events of type churn) or
 *     "at_risk" (the user-engagement agent found the user at risk)
 * @param emotion the state for kind emotion
 * @param productEventIds the client's ids of the churn events for kind churn
 * @param score the churn-risk score for kind at_risk (a score, not a probability)
 * @param correlationId the chain the event belongs to (the request that started it), when it has one
 * @param causationId what this notification is a consequence of: the event, {@code persistenceId:sequenceNr}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
    String idempotencyKey, String tenant, String kind, String userId, String sessionId, Instant at, String summary,
    String emotion, Double confidence, String url, List<String> productEventIds, Double score,
    String correlationId, String causationId) {}
