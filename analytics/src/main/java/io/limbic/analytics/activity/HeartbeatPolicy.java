package io.limbic.analytics.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides what a heartbeat means for the journal. Heartbeats arrive every ~30 s per active user; persisting each one
 * would make the journal the bottleneck, so within an active period they are coalesced and at most one is written
 * per {@code persistInterval}. The guarantee this buys: after a crash the user is known active no earlier than
 * (time of the last acknowledged heartbeat - persistInterval).
 *
 * @param idleGap a heartbeat later than this after the previous one starts a new active period
 * @param persistInterval at most one heartbeat event per interval within a period; zero persists every heartbeat
 */
public record HeartbeatPolicy(Duration idleGap, Duration persistInterval) {

  public enum Decision {
    /** First heartbeat ever, or the first after an idle gap: persist the start of a new active period. */
    BECOME_ACTIVE,
    /** The persist interval has passed since the last persisted heartbeat: persist this one. */
    RECORD,
    /** Keep it in memory only; the next persisted event will account for it. */
    COALESCE
  }

  public HeartbeatPolicy {
    Objects.requireNonNull(idleGap);
    Objects.requireNonNull(persistInterval);
    if (idleGap.isNegative() || idleGap.isZero()) throw new IllegalArgumentException("idleGap must be positive");
    if (persistInterval.isNegative()) throw new IllegalArgumentException("persistInterval must not be negative");
  }

  /**
   * @param lastActiveAt the latest heartbeat time known, persisted or not; null if the user has never been active
   * @param lastPersistedAt the time of the latest persisted heartbeat; null if none
   * @param at the new heartbeat's time, possibly earlier than {@code lastActiveAt} (late delivery)
   */
  public Decision decide(Instant lastActiveAt, Instant lastPersistedAt, Instant at) {
    if (lastActiveAt == null || lastPersistedAt == null) return Decision.BECOME_ACTIVE;
    if (at.isAfter(lastActiveAt.plus(idleGap))) return Decision.BECOME_ACTIVE;
    if (persistInterval.isZero()) return Decision.RECORD;
    if (!at.isBefore(lastPersistedAt.plus(persistInterval))) return Decision.RECORD;
    return Decision.COALESCE;
  }

  /** Whether the user counts as active at {@code now}, given their latest heartbeat. */
  public boolean isActive(Instant lastActiveAt, Instant now) {
    return lastActiveAt != null && !now.isAfter(lastActiveAt.plus(idleGap));
  }
}
