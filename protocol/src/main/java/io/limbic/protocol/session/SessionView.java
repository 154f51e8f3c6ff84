package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/sessions/{id}}: the live physics, the signal totals and the current emotion of one session, and the
 * signals its client SDK reported beside them ({@code clientSignals}, newest last), and whose thresholds it judges
 * by ({@code thresholds}; null for an erased session).
 */
public record SessionView(
    String sessionId, String userId, long samples, Map<String, Object> physics, Map<String, Integer> signals,
    EmotionView emotion, List<ClientSignalView> clientSignals, SessionThresholds thresholds) implements CborSerializable {
  public SessionView {
    clientSignals = clientSignals == null ? List.of() : List.copyOf(clientSignals);
  }
}
