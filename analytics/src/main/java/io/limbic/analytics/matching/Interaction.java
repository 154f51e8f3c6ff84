package io.limbic.analytics.matching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One person acting towards another. {@code id} is the client's idempotency key; {@code durationS} is the dwell of
 * a view or the length of a call, 0 when not reported.
 */
public record Interaction(String from, String to, InteractionType type, Instant at, String id, int durationS) {

  public static final int MAX_ID_LENGTH = 128;

  public static Interaction of(String from, String to, InteractionType type, Instant at, String id) {
    return new Interaction(from, to, type, at, id, 0);
  }

  public double evidence() {
    return type.evidence(durationS);
  }

  /** Field errors, empty when the interaction may be recorded. */
  public List<FieldError> validate() {
    List<FieldError> errors = new ArrayList<>();
    requireId("from", from, errors);
    requireId("to", to, errors);
    requireId("id", id, errors);
    if (from != null && from.equals(to)) errors.add(new FieldError("to", "must differ from 'from'"));
    if (type == null) errors.add(new FieldError("type", "is required"));
    if (at == null) errors.add(new FieldError("at", "is required"));
    if (durationS < 0) errors.add(new FieldError("durationS", "must not be negative"));
    return List.copyOf(errors);
  }

  private static void requireId(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (value.length() > MAX_ID_LENGTH) {
      errors.add(new FieldError(field, "must be at most " + MAX_ID_LENGTH + " characters"));
    }
  }
}
