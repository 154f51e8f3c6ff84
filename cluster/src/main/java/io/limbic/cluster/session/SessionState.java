package io.limbic.cluster.session;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.session.Capabilities;
import io.limbic.protocol.session.ClientSignalView;
import io.limbic.protocol.session.PhysicsSummary;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.session.SessionEvent.CapabilitiesDeclared;
import io.limbic.protocol.session.SessionEvent.ClientSignalCorroborated;
import io.limbic.protocol.session.SessionEvent.ClientSignalReported;
import io.limbic.protocol.session.SessionEvent.EmotionDelivered;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SessionErased;
import io.limbic.protocol.session.SessionEvent.SessionIdentified;
import io.limbic.protocol.session.SessionEvent.SessionSummarized;
import io.limbic.protocol.session.SessionEvent.SignalDetected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the journal says about a session: who it belongs to, every signal it raised, its latest emotion and its
 * latest physics summary. Raw samples are not here (they are never persisted).
 *
 * <p>Version 2: {@code physics} is a typed {@link PhysicsSummary}, null before the first summary; version 1 held a
 * JSON-like map, empty before the first ({@link SessionStateMigration} upcasts it).
 *
 * @param capabilities what the client declared it observes; null until it declares anything
 * @param clientSignals signals the client SDK reported, with the session's verdict, oldest first; at most
 *     {@link #MAX_CLIENT_SIGNALS}
 * @param undelivered emotions of the session's user not yet acknowledged by the user's entity, oldest first; at most
 *     {@link #MAX_UNDELIVERED} (past that the oldest is given up, so a user that never answers cannot grow this)
 * @param erasedAt when the session's person was erased (the session then holds nothing and refuses writes); null
 *     while they were not
 */
public record SessionState(
    String tenant, String sessionId, String userId, String anonymousId, long samples, PhysicsSummary physics,
    Map<String, Integer> signals, EmotionDetected emotion, Capabilities capabilities,
    List<UndeliveredEmotion> undelivered, List<ClientSignalView> clientSignals, Instant erasedAt)
    implements CborSerializable {
  public static final int MAX_UNDELIVERED = 1_000;
  /** Client-reported signals kept (the newest); a retried report older than these would be recorded again. */
  public static final int MAX_CLIENT_SIGNALS = 100;
  /**
   * Kinds of detected signal counted. The detector has a fixed handful (rage clicks, dead clicks, ...), so this is
   * never reached; past it a new kind is not counted rather than grow the map.
   */
  public static final int MAX_SIGNAL_KINDS = 32;

  public SessionState {
    // A snapshot from before delivery was acknowledged has none; one from before client reports neither.
    if (undelivered == null) undelivered = List.of();
    if (clientSignals == null) clientSignals = List.of();
  }

  public static SessionState empty(String tenant, String sessionId) {
    return new SessionState(tenant, sessionId, null, null, 0, null, Map.of(), null, null, List.of(), List.of(), null);
  }

  public boolean isErased() {
    return erasedAt != null;
  }

  public boolean holdsClientSignal(String reportId) {
    return clientSignals.stream().anyMatch(c -> c.id().equals(reportId));
  }

  /** {@code eventId} is the event's {@code persistenceId:sequenceNr}: an emotion for a user is sent under it. */
  public SessionState apply(SessionEvent event, String eventId) {
    if (event instanceof CapabilitiesDeclared c) {
      return new SessionState(tenant, sessionId, userId, anonymousId, samples, physics, signals, emotion,
          new Capabilities(c.mutations(), c.selection()), undelivered, clientSignals, erasedAt);
    }
    if (event instanceof SignalDetected e) {
      if (!signals.containsKey(e.kind()) && signals.size() >= MAX_SIGNAL_KINDS) return this;
      Map<String, Integer> counts = new HashMap<>(signals);
      counts.merge(e.kind(), 1, Integer::sum);
      return new SessionState(tenant, sessionId, userId, anonymousId, samples, physics, Map.copyOf(counts), emotion,
          capabilities, undelivered, clientSignals, erasedAt);
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
          tenant, sessionId, userId, anonymousId, samples, physics, signals, e, capabilities, pending,
          clientSignals, erasedAt);
    }
    if (event instanceof EmotionDelivered e) {
      List<UndeliveredEmotion> pending =
          undelivered.stream().filter(u -> !u.emotionId().equals(e.emotionId())).toList();
      return new SessionState(
          tenant, sessionId, userId, anonymousId, samples, physics, signals, emotion, capabilities, pending,
          clientSignals, erasedAt);
    }
    if (event instanceof SessionIdentified e) {
      String anonymous = e.anonymousId() != null ? e.anonymousId() : anonymousId;
      return new SessionState(
          tenant, sessionId, e.userId(), anonymous, samples, physics, signals, emotion, capabilities, undelivered,
          clientSignals, erasedAt);
    }
    if (event instanceof SessionErased e) {
      return new SessionState(tenant, sessionId, e.userId(), null, 0, null, Map.of(), null, null, List.of(),
          List.of(), e.at());
    }
    if (event instanceof ClientSignalReported e) return withClientSignals(reported(e));
    if (event instanceof ClientSignalCorroborated e) return withClientSignals(corroborated(e));
    SessionSummarized e = (SessionSummarized) event;
    return new SessionState(
        tenant, sessionId, userId, anonymousId, e.samples(), e.physics(), signals, emotion, capabilities, undelivered,
        clientSignals, erasedAt);
  }

  private List<ClientSignalView> reported(ClientSignalReported e) {
    List<ClientSignalView> more = new ArrayList<>(clientSignals);
    more.add(new ClientSignalView(e.reportId(), e.kind(), e.source(), Instant.ofEpochMilli(e.clientT()), e.target(),
        e.x(), e.y(), e.url(), e.corroborated() ? ClientSignalView.CORROBORATED : ClientSignalView.CLIENT_REPORTED,
        e.confidence(), e.evidence()));
    if (more.size() > MAX_CLIENT_SIGNALS) more.remove(0);
    return List.copyOf(more);
  }

  private List<ClientSignalView> corroborated(ClientSignalCorroborated e) {
    return clientSignals.stream()
        .map(c -> c.id().equals(e.reportId()) ? c.corroborated(e.confidence(), e.evidence()) : c).toList();
  }

  private SessionState withClientSignals(List<ClientSignalView> next) {
    return new SessionState(tenant, sessionId, userId, anonymousId, samples, physics, signals, emotion, capabilities,
        undelivered, next, erasedAt);
  }
}
