package io.limbic.projections.agents.notifications;

import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserEvent.ProductEventRecorded;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import io.limbic.protocol.user.UserEvent.UserAtRisk;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which events are worth telling a tenant about: a session's emotion changing to rage or frustration, product
 * events of type churn, and a user the user-engagement agent found at risk (so one request's chain can cross two
 * agents: a churn event, the engagement agent's {@code UserAtRisk}, this agent's notification of it).
 */
public final class NotableEvents {
  static final Set<String> ALARMING_EMOTIONS = Set.of("rage", "frustration");
  static final String CHURN = "churn";

  private NotableEvents() {}

  public static boolean isNotable(Object event) {
    if (event instanceof EmotionDetected e) return ALARMING_EMOTIONS.contains(e.state());
    if (event instanceof ProductEventsRecorded e) return !churnIds(e.events()).isEmpty();
    if (event instanceof ProductEventRecorded e) return CHURN.equals(e.type());
    return event instanceof UserAtRisk;
  }

  /**
   * The notification of {@code event}, if it is notable. The event itself ({@code idempotencyKey}) is its cause;
   * {@code correlationId} (nullable) is the event's chain.
   */
  public static Optional<Notification> notification(Object event, String idempotencyKey, String correlationId) {
    if (!isNotable(event)) return Optional.empty();
    if (event instanceof EmotionDetected e) {
      String summary = "Session " + e.sessionId() + (e.userId() == null ? "" : " of user " + e.userId())
          + " turned to " + e.state() + (e.url() == null ? "" : " on " + e.url());
      return Optional.of(new Notification(idempotencyKey, e.tenant(), "emotion", e.userId(), e.sessionId(), e.at(),
          summary, e.state(), e.confidence(), e.url(), null, null, correlationId, idempotencyKey));
    }
    if (event instanceof UserAtRisk e) {
      String summary = "User " + e.userId() + " is at risk of churning (score " + String.format("%.2f", e.score())
          + ")";
      return Optional.of(new Notification(idempotencyKey, e.tenant(), "at_risk", e.userId(), null, e.at(), summary,
          null, null, null, null, e.score(), correlationId, idempotencyKey));
    }
    if (event instanceof ProductEventsRecorded e) {
      List<String> ids = churnIds(e.events());
      return Optional.of(churn(idempotencyKey, correlationId, e.tenant(), e.userId(), e.at(), ids));
    }
    ProductEventRecorded e = (ProductEventRecorded) event;
    return Optional.of(churn(idempotencyKey, correlationId, e.tenant(), e.userId(), e.at(), List.of(e.eventId())));
  }

  private static Notification churn(
      String key, String correlationId, String tenant, String userId, java.time.Instant at, List<String> ids) {
    String summary = "User " + userId + " churned (" + String.join(", ", ids) + ")";
    return new Notification(key, tenant, "churn", userId, null, at, summary, null, null, null, ids, null,
        correlationId, key);
  }

  private static List<String> churnIds(List<ProductEvent> events) {
    return events.stream().filter(p -> CHURN.equals(p.type())).map(ProductEvent::id).toList();
  }
}
