package io.limbic.analytics.idle;

import java.time.Instant;
import java.util.Objects;

/**
 * What makes two idle-phase jobs the same work: one user, one phase, one idle period (the instant it began). Wake-ups
 * from the user's timer, the sweeper, a new incarnation after passivation or a restart all name the same key for
 * the same work, so it is queued once.
 */
public record IdleJobKey(String userKey, int phase, Instant idleSince) {
  public IdleJobKey {
    Objects.requireNonNull(userKey, "userKey");
    Objects.requireNonNull(idleSince, "idleSince");
  }
}
