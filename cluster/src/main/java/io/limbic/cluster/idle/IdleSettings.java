package io.limbic.cluster.idle;

import com.typesafe.config.Config;
import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.analytics.idle.RefusalBackoff;
import io.limbic.analytics.matching.analysis.Analyzer;
import java.time.Duration;

/**
 * The {@code limbic.idle} section.
 *
 * @param concurrency phase jobs running at once on this node
 * @param queueCapacity phase jobs waiting on this node; a job that does not fit is retried by its user later
 * @param sweepInterval how often the cluster-wide sweeper looks for users whose phase fell due
 * @param retryAfter how long a user waits before offering again a job the governor had no room for, after its first
 *     refusal; the wait doubles with each refusal in a row ({@link RefusalBackoff})
 * @param analyzer class name of the {@link io.limbic.analytics.matching.analysis.Analyzer} the phases use
 * @param tenantFigures how many tenants' figures a governor keeps at most (tenants with work in flight always)
 * @param tenantRetention how long a governor keeps the figures of a tenant with nothing queued or running
 * @param maxRetryAfter the longest a refused user waits before offering the job again
 */
public record IdleSettings(
    IdleSchedule schedule, int concurrency, int queueCapacity, Duration sweepInterval, Duration retryAfter,
    int matchesPerDay, String analyzer, int tenantFigures, Duration tenantRetention, Duration maxRetryAfter) {
  public static final int DEFAULT_TENANT_FIGURES = 1000;
  public static final Duration DEFAULT_TENANT_RETENTION = Duration.ofHours(1);
  /** The longest wait after refusals, as a multiple of the first ({@code retry-after}) when none is configured. */
  public static final int DEFAULT_MAX_RETRY_FACTOR = 10;

  public IdleSettings {
    refusalBackoff(retryAfter, maxRetryAfter);  // a bad pair fails at start, not at the first refusal
  }

  public IdleSettings(
      IdleSchedule schedule, int concurrency, int queueCapacity, Duration sweepInterval, Duration retryAfter,
      int matchesPerDay, String analyzer) {
    this(schedule, concurrency, queueCapacity, sweepInterval, retryAfter, matchesPerDay, analyzer,
        DEFAULT_TENANT_FIGURES, DEFAULT_TENANT_RETENTION, retryAfter.multipliedBy(DEFAULT_MAX_RETRY_FACTOR));
  }

  /** The waits of a refused user between its offers of the same job. */
  public RefusalBackoff refusalBackoff() {
    return refusalBackoff(retryAfter, maxRetryAfter);
  }

  private static RefusalBackoff refusalBackoff(Duration retryAfter, Duration maxRetryAfter) {
    try {
      return new RefusalBackoff(retryAfter, maxRetryAfter);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "limbic.idle.retry-after must be positive and max-retry-after at least as long: " + e.getMessage(), e);
    }
  }

  public static IdleSettings from(Config config) {
    Config idle = config.getConfig("limbic.idle");
    int configured = idle.getInt("concurrency");
    int concurrency = configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    return new IdleSettings(
        IdleSchedule.parse(idle.getString("phases")),
        concurrency,
        idle.getInt("queue-capacity"),
        idle.getDuration("sweep-interval"),
        idle.getDuration("retry-after"),
        idle.getInt("matches-per-day"),
        idle.getString("analyzer"),
        idle.getInt("tenant-figures"),
        idle.getDuration("tenant-retention"),
        idle.getDuration("max-retry-after"));
  }

  /** A new instance of the configured analyzer (a public class with a public no-argument constructor). */
  public Analyzer newAnalyzer() {
    try {
      return (Analyzer) Class.forName(analyzer).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("limbic.idle.analyzer is not a usable Analyzer: " + analyzer, e);
    }
  }
}
