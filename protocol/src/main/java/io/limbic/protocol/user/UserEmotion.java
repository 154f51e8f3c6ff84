package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/** The latest emotional state any of the user's sessions reported. */
public record UserEmotion(String state, String label, double confidence, String sessionId, Instant at)
    implements CborSerializable {}
