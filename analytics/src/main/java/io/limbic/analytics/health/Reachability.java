package io.limbic.analytics.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the database is reachable, as a circuit breaker over what the node sees of it (journal writes, a periodic
 * probe): {@code failuresToLose} failures in a row with no success between mark it lost; the first success after
 * that marks it regained. While lost, requests that need the database are refused at once instead of waiting for
 * an entity that cannot answer; the probe keeps trying (the half-open trial), so the first probe that gets through
 * closes the breaker.
 *
 * @param failures failures in a row since the last success
 * @param lostAt when the database was marked lost; empty while reachable
 */
public record Reachability(int failures, Optional<Instant> lostAt) {

  /** What one observation changed. */
  public enum Change { NONE, LOST, REGAINED }

  /** The answer to one observation: the new state and what changed. */
  public record Step(Reachability next, Change change) {}

  public static Reachability reachable() {
    return new Reachability(0, Optional.empty());
  }

  public boolean isLost() {
    return lostAt.isPresent();
  }

  /** How long the database has been lost at {@code now} (zero while reachable). */
  public Duration outage(Instant now) {
    return lostAt.map(at -> Duration.between(at, now)).orElse(Duration.ZERO);
  }

  public Step failed(Instant now, int failuresToLose) {
    if (failuresToLose < 1) throw new IllegalArgumentException("failuresToLose must be at least 1");
    int count = failures == Integer.MAX_VALUE ? failures : failures + 1;
    if (isLost()) return new Step(new Reachability(count, lostAt), Change.NONE);
    if (count >= failuresToLose) return new Step(new Reachability(count, Optional.of(now)), Change.LOST);
    return new Step(new Reachability(count, Optional.empty()), Change.NONE);
  }

  public Step succeeded() {
    Reachability next = reachable();
    return new Step(next, isLost() ? Change.REGAINED : Change.NONE);
  }
}
