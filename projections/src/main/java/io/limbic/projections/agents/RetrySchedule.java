package io.limbic.projections.agents;

import java.time.Duration;

/**
 * Exponential backoff between attempts: the wait after failed attempt n (1-based) is {@code min * 2^(n-1)}, never
 * more than {@code max}. {@code maxAttempts} counts the first try.
 */
public record RetrySchedule(int maxAttempts, Duration minBackoff, Duration maxBackoff) {
  public RetrySchedule {
    if (maxAttempts < 1) throw new IllegalArgumentException("max-attempts must be at least 1");
    if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= min-backoff <= max-backoff");
    }
  }

  /** Whether another attempt follows failed attempt {@code attempt}. */
  public boolean retriesAfter(int attempt) {
    return attempt < maxAttempts;
  }

  public Duration delayAfter(int attempt) {
    if (attempt < 1) throw new IllegalArgumentException("attempts count from 1");
    int doublings = Math.min(attempt - 1, 62);
    long minNanos = minBackoff.toNanos();
    long maxNanos = maxBackoff.toNanos();
    if (minNanos == 0) return Duration.ZERO;
    if (doublings >= Long.numberOfLeadingZeros(minNanos) - 1) return maxBackoff;
    return Duration.ofNanos(Math.min(maxNanos, minNanos << doublings));
  }
}
