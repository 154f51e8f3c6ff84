package io.limbic.analytics.forensics;

import java.time.Instant;

/**
 * One emotion a session's classifier concluded, as forensics counts it. {@code readingId} is the session event's
 * {@code persistenceId:sequenceNr} (the same id interventions and incidents name as their emotion); {@code userId}
 * is null while the session is anonymous; {@code page} is the url's path, else the section, else "(unknown)".
 */
public record EmotionReading(
    String readingId, String sessionId, String userId, String state, double confidence, String page, Instant at) {}
