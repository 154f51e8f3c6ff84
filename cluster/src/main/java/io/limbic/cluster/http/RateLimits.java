package io.limbic.cluster.http;

import java.time.Duration;
import java.util.Optional;

/**
 * How much one tenant and one key may send. A request either goes on or is refused with how long to wait before
 * it may be retried; {@link ApiDirectives#withinRate} answers the refusal with 429 and {@code Retry-After}.
 */
public interface RateLimits {
  /** No limits. */
  RateLimits NONE = (tenant, key) -> Optional.empty();

  /**
   * Takes one request from the budgets of {@code tenant} and of {@code key} (a stable name of the presented key,
   * never the key itself), or answers how long to wait when either is spent.
   */
  Optional<Duration> refusal(String tenant, String key);
}
