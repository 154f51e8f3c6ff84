package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.util.List;

/**
 * What became of one command's product events: how many were new, how many were retries already recorded (or
 * held), and which were refused because a bound was reached. A refused event changed nothing; sending it again
 * later may succeed.
 */
public record ProductEventsResult(int recorded, int duplicates, List<Refused> refused) implements CborSerializable {
  /** The anonymous id's hold is full until an identify hands it over. */
  public static final String HOLD_FULL = "hold_full";
  /** The user has recorded as many event ids as one deduplication window may hold. */
  public static final String ID_WINDOW_FULL = "id_window_full";
  /** A value in one more currency than a user may hold values in (UserState.MAX_CURRENCIES); not retryable. */
  public static final String CURRENCY_LIMIT = "currency_limit";

  public ProductEventsResult {
    refused = List.copyOf(refused);
  }

  public ProductEventsResult(int recorded, int duplicates) {
    this(recorded, duplicates, List.of());
  }

  /** The event at {@code position} of the command's list was refused, for {@code code}. */
  public record Refused(int position, String code) implements CborSerializable {}
}
