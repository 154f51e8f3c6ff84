package io.limbic.cluster.session;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.session.Capabilities;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.CapabilitiesDeclared;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SessionIdentified;
import io.limbic.protocol.session.SessionEvent.SessionSummarized;
import io.limbic.protocol.session.SessionEvent.SignalDetected;
import java.util.HashMap;
import java.util.Map;

/**
 * What the journal says about a session: who it belongs to, every signal it raised, its latest emotion and its
 * latest physics summary. Raw samples are not here (they are never persisted).
 */
public record SessionState(
    String tenant, String sessionId, String userId, String anonymousId, long samples, Map<String, Object> physics,
    Map<String, Integer> signals, EmotionDetected emotion, Capabilities capabilities) implements CborSerializable {

  public SessionState(
      String tenant, String sessionId, String userId, String anonymousId, long samples, Map<String, Object> physics,
      Map<String, Integer> signals, EmotionDetected emotion) {
    this(tenant, sessionId, userId, anonymousId, samples, physics, signals, emotion, null);
  }

  public static SessionState empty(String tenant, String sessionId) {
    return new SessionState(tenant, sessionId, null, null, 0, Map.of(), Map.of(), null);
  }

  public SessionState apply(SessionEvent event) {
    SessionState next = applyOther(event);
    Capabilities declared = event instanceof CapabilitiesDeclared c
        ? new Capabilities(c.mutations(), c.selection()) : capabilities;
    return new SessionState(next.tenant, next.sessionId, next.userId, next.anonymousId, next.samples, next.physics,
        next.signals, next.emotion, declared);
  }

  private SessionState applyOther(SessionEvent event) {
    if (event instanceof CapabilitiesDeclared) return this;
    if (event instanceof SignalDetected e) {
      Map<String, Integer> counts = new HashMap<>(signals);
      counts.merge(e.kind(), 1, Integer::sum);
      return new SessionState(tenant, sessionId, userId, anonymousId, samples, physics, Map.copyOf(counts), emotion);
    }
    if (event instanceof EmotionDetected e) {
      return new SessionState(tenant, sessionId, userId, anonymousId, samples, physics, signals, e);
    }
    if (event instanceof SessionIdentified e) {
      String anonymous = e.anonymousId() != null ? e.anonymousId() : anonymousId;
      return new SessionState(tenant, sessionId, e.userId(), anonymous, samples, physics, signals, emotion);
    }
    SessionSummarized e = (SessionSummarized) event;
    return new SessionState(tenant, sessionId, userId, anonymousId, e.samples(), e.physics(), signals, emotion);
  }
}
