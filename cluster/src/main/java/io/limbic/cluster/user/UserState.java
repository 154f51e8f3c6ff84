package io.limbic.cluster.user;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.user.UserEvent;
import java.time.Instant;

/**
 * What the journal says about a user. {@code lastActiveAt} here is the latest <em>persisted</em> heartbeat; the
 * entity keeps the coalesced ones in memory on top of it.
 */
public record UserState(String tenant, String userId, Instant activeSince, Instant lastActiveAt, long heartbeats)
    implements CborSerializable {

  public static UserState empty(String tenant, String userId) {
    return new UserState(tenant, userId, null, null, 0);
  }

  public boolean isKnown() {
    return activeSince != null;
  }

  public UserState apply(UserEvent event) {
    if (event instanceof UserEvent.BecameActive) {
      return new UserState(tenant, userId, event.at(), event.at(), heartbeats + event.heartbeats());
    }
    return new UserState(
        tenant, userId, activeSince, latest(lastActiveAt, event.at()), heartbeats + event.heartbeats());
  }

  static Instant latest(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isAfter(b) ? a : b;
  }
}
