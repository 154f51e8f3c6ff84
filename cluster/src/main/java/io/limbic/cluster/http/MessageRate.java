package io.limbic.cluster.http;

/**
 * A token bucket for the messages of one socket: {@code burst} tokens at first, refilled at {@code perSecond}; a
 * message takes one. Not thread-safe: one socket's stage calls it.
 */
final class MessageRate {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  MessageRate(double perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
    this.lastNanos = nowNanos;
  }

  /** Whether a message arriving now is within the rate; it takes a token if so. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(burst, tokens + Math.max(0, nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
