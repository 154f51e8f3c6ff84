package io.limbic.analytics.idle;

import java.time.Duration;
import java.time.Instant;

/**
 * How many users the idle sweeper may wake: {@code perSecond} on average, at most {@code burst} at once (a token
 * bucket). A backlog of due users (after an outage, or a cluster restart) is then woken at a pace the nodes can take,
 * instead of all at once. Time comes from the caller, so the budget is tested without waiting.
 */
public final class WakeBudget {
  private final double perSecond;
  private final int burst;
  private double tokens;
  private Instant last;

  public WakeBudget(double perSecond, int burst, Instant now) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) throw new IllegalArgumentException("perSecond must be > 0");
    if (burst < 1) throw new IllegalArgumentException("burst must be >= 1");
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  /** Spends one wake-up if the budget has one now. */
  public boolean take(Instant now) {
    refill(now);
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  /** How long until the next wake-up is in the budget (zero if one is now). */
  public Duration untilNext(Instant now) {
    refill(now);
    if (tokens >= 1) return Duration.ZERO;
    long nanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    return Duration.ofNanos(Math.max(1, nanos));
  }

  private void refill(Instant now) {
    // A clock that steps back never takes tokens away, and never adds any.
    if (!now.isAfter(last)) return;
    Duration gap = Duration.between(last, now);
    double seconds = gap.getSeconds() + gap.getNano() / 1e9;
    tokens = Math.min(burst, tokens + seconds * perSecond);
    last = now;
  }
}
