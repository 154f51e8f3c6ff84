package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.util.Map;

/** {@code GET /v1/sessions/{id}}: the live physics, the signal totals and the current emotion of one session. */
public record SessionView(
    String sessionId, String userId, long samples, Map<String, Object> physics, Map<String, Integer> signals,
    EmotionView emotion) implements CborSerializable {}
