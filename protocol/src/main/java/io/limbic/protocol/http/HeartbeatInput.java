package io.limbic.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** A validated heartbeat: {@code {"userId", "sessionId"?, "at"?}}. */
public record HeartbeatInput(String userId, Optional<String> sessionId, Instant at) {

  public static Validated<HeartbeatInput> parse(JsonNode json, Instant now) {
    if (json == null || !json.isObject()) {
      return Validated.invalid("invalid_body", "a heartbeat must be a JSON object");
    }
    Validated<String> userId = JsonFields.requiredId(json, "userId");
    if (!userId.isValid()) return userId.failure();
    Validated<Optional<String>> sessionId = JsonFields.optionalId(json, "sessionId");
    if (!sessionId.isValid()) return sessionId.failure();
    Validated<Instant> at = JsonFields.optionalTime(json, "at", now, TimeBounds.HEARTBEAT);
    if (!at.isValid()) return at.failure();
    return Validated.valid(new HeartbeatInput(userId.get(), sessionId.get(), at.get()));
  }
}
