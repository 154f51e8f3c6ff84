package io.limbic.cluster.session;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.session.Capabilities;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.CapabilitiesDeclared;
import io.limbic.protocol.session.SessionEvent.EmotionDelivered;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SessionIdentified;
import io.limbic.protocol.session.SessionEvent.SessionSummarized;
import io.limbic.protocol.session.SessionEvent.SignalDetected;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the journal says about a session: who it belongs to, every signal it raised, its latest emotion and its
 * latest physics summary. Raw samples are not here (they are never persisted).
 *
 * @param capabilities what the client declared it observes; null until it declares anything
 * @param undelivered emotions of the session's user not yet acknowledged by the user's entity, oldest first; at most
 *     {@link #MAX_UNDELIVERED} (past that the oldest is given up, so a user that never answers cannot grow this)
 */
public record SessionState(
    String tenant, String sessionId, String userId, String anonymousId, long samples, Map<String, Object> physics,
    Map<String, Integer> signals, EmotionDetected emotion, Capabilities capabilities,
    List<UndeliveredEmotion> undelivered) implements CborSerializable {
  public static final int MAX_UNDELIVERED = 1_000;

  public SessionState {
    // A snapshot from before delivery was acknowledged has none.
    if (undelivered == null) undelivered = List.of();
  }

  public static SessionState empty(String tenant, String sessionId) {
    return new SessionState(tenant, sessionId, null, null, 0, Map.of(), Map.of(), null, null, List.of());
  }

  /** {@code eventId} is the event's {@code persistenceId:sequenceNr}: an emotion for a user is sent under it. */
  public SessionState apply(SessionEvent event, String eventId) {
    if (event instanceof CapabilitiesDeclared c) {
      return new SessionState(tenant, sessionId, userId, anonymousId, samples, physics, signals, emotion,
          new Capabilities(c.mutations(), c.selection()), undelivered);
    }
    if (event instanceof SignalDetected e) {
      Map<String, Integer> counts = new HashMap<>(signals);
      counts.merge(e.kind(), 1, Integer::sum);
      return new SessionState(tenant, sessionId, userId, anonymousId, samples, physics, Map.copyOf(counts), emotion,
          capabilities, undelivered);
    }
    if (event instanceof EmotionDetected e) {
      List<UndeliveredEmotion> pending = undelivered;
      if (e.userId() != null) {
        List<UndeliveredEmotion> more = new ArrayList<>(undelivered);
        more.add(new UndeliveredEmotion(eventId, e));
        if (more.size() > MAX_UNDELIVERED) more.remove(0);
        pending = List.copyOf(more);
      }
      return new SessionState(
          tenant, sessionId, userId, anonymousId, samples, physics, signals, e, capabilities, pending);
    }
    if (event instanceof EmotionDelivered e) {
      List<UndeliveredEmotion> pending =
          undelivered.stream().filter(u -> !u.emotionId().equals(e.emotionId())).toList();
      return new SessionState(
          tenant, sessionId, userId, anonymousId, samples, physics, signals, emotion, capabilities, pending);
    }
    if (event instanceof SessionIdentified e) {
      String anonymous = e.anonymousId() != null ? e.anonymousId() : anonymousId;
      return new SessionState(
          tenant, sessionId, e.userId(), anonymous, samples, physics, signals, emotion, capabilities, undelivered);
    }
    SessionSummarized e = (SessionSummarized) event;
    return new SessionState(
        tenant, sessionId, userId, anonymousId, e.samples(), e.physics(), signals, emotion, capabilities, undelivered);
  }
}
