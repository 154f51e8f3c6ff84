package io.limbic.cluster.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.protocol.session.SessionEvent.ClientSignalReported;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SignalDetected;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every collection a session entity keeps has a cap (README "Memory per entity"), whatever its journal holds. */
class SessionStateBoundsTest {
  private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

  @Test
  void undeliveredEmotionsClientSignalsAndSignalKindsAreCapped() {
    SessionState state = SessionState.empty("acme", "s1");
    for (int i = 0; i < SessionState.MAX_UNDELIVERED + 10; i++) {
      state = state.apply(new EmotionDetected("acme", "s1", "u1", T0, "frustrated", "rage", 0.9, T0, null, null,
          null), "Session|acme/s1:" + i);
    }
    assertEquals(SessionState.MAX_UNDELIVERED, state.undelivered().size());
    assertEquals("Session|acme/s1:10", state.undelivered().get(0).emotionId());

    for (int i = 0; i < SessionState.MAX_CLIENT_SIGNALS + 10; i++) {
      state = state.apply(new ClientSignalReported("acme", "s1", "u1", T0, "r" + i, "rage_click", "sdk", i, null,
          null, null, null, false, 0.5, null, null), "Session|acme/s1:c" + i);
    }
    assertEquals(SessionState.MAX_CLIENT_SIGNALS, state.clientSignals().size());
    assertEquals("r10", state.clientSignals().get(0).id());

    for (int i = 0; i < SessionState.MAX_SIGNAL_KINDS + 10; i++) {
      state = state.apply(new SignalDetected("acme", "s1", "u1", T0, "kind-" + i, i, null, null, null, Map.of()),
          "Session|acme/s1:k" + i);
    }
    state = state.apply(new SignalDetected("acme", "s1", "u1", T0, "kind-0", 0, null, null, null, Map.of()), "x");
    assertEquals(SessionState.MAX_SIGNAL_KINDS, state.signals().size());
    assertEquals(2, state.signals().get("kind-0"));
  }
}
