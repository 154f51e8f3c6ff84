package io.limbic.analytics.idle;

import java.time.Duration;

/**
 * How long a user waits before offering again a phase job that the node's governor refused (its queue was full, or
 * the job was turned away to make room for another phase): {@code base} after the first refusal, doubling with each
 * refusal in a row, never more than {@code max}. Each wait is drawn from the upper half of that span, so users refused
 * together do not all come back together. Under a lasting overload the offers then fall from one per waiting user per
 * {@code base} to one per {@code max}, while the queue stays full; without refusals nothing waits.
 */
public record RefusalBackoff(Duration base, Duration max) {
  public RefusalBackoff {
    if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("base must be positive");
    if (max.compareTo(base) < 0) throw new IllegalArgumentException("max must be at least base");
  }

  /**
   * The wait after {@code refusalsInARow} refusals (at least 1); {@code unit} in [0, 1) picks where in the upper half
   * of the span it falls (the caller's random number, so the rule is tested without one).
   */
  public Duration after(int refusalsInARow, double unit) {
    if (refusalsInARow < 1) throw new IllegalArgumentException("refusalsInARow must be at least 1");
    if (!(unit >= 0 && unit < 1)) throw new IllegalArgumentException("unit must be in [0, 1)");
    long span = base.toMillis();
    for (int i = 1; i < refusalsInARow && span < max.toMillis(); i++) span *= 2;
    span = Math.min(span, max.toMillis());
    return Duration.ofMillis(span / 2 + (long) (unit * (span - span / 2)));
  }
}
