package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A validated product event. {@code id} makes retries idempotent; {@code amount} and {@code currency} are set
 * together or not at all.
 */
public record ProductEvent(String id, String type, BigDecimal amount, String currency, Instant at)
    implements CborSerializable {

  /** Types that change the user's lifetime value, and in which direction. */
  public int valueSign() {
    return valueSign(type);
  }

  public static int valueSign(String type) {
    return switch (type) {
      case "purchase", "renewal" -> 1;
      case "refund" -> -1;
      default -> 0;
    };
  }
}
