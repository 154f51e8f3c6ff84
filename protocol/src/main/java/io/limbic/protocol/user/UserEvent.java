package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/**
 * Facts about a user, in the journal for good. Each carries the tenant and user id so that a reader needs nothing
 * else. Version 1 of each; a change of shape is an upcast registered in {@code serialization.conf}.
 */
public sealed interface UserEvent extends CborSerializable {
  String tenant();

  String userId();

  Instant at();

  /** How many acknowledged heartbeats this event accounts for (itself and those coalesced into it). */
  long heartbeats();

  /** The first heartbeat ever, or the first after an idle gap: a new active period starts. */
  record BecameActive(String tenant, String userId, Instant at, String sessionId, long heartbeats)
      implements UserEvent {}

  /** A heartbeat within an active period, persisted at most once per persist interval. */
  record HeartbeatRecorded(String tenant, String userId, Instant at, String sessionId, long heartbeats)
      implements UserEvent {}
}
