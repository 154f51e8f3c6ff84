package io.limbic.projections.jobs;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code limbic.jobs} (README "Jobs and schedules").
 *
 * @param concurrency jobs one node runs at once (each on its own job thread)
 * @param maxQueuedPerTenant queued jobs a tenant may have; one more is refused (429)
 * @param lease how long a running job stays with its node without a renewal; then any node resumes or fails it
 * @param pulse how often a node stores its jobs' progress, renews their leases and looks for cancel requests
 * @param poll how often a node with free capacity looks for queued jobs (it also looks at once on a submission)
 * @param maxAttempts starts of one job (the first included) before a job whose node keeps stopping fails
 * @param stopTimeout how long a stopping node waits for its jobs to notice and stop
 */
public record JobSettings(
    int concurrency, int maxQueuedPerTenant, Duration lease, Duration pulse, Duration poll, int maxAttempts,
    Duration stopTimeout) {

  public JobSettings {
    if (concurrency < 1) throw new IllegalArgumentException("limbic.jobs.concurrency must be at least 1");
    if (maxQueuedPerTenant < 1) throw new IllegalArgumentException("limbic.jobs.max-queued-per-tenant must be >= 1");
    if (maxAttempts < 1) throw new IllegalArgumentException("limbic.jobs.max-attempts must be at least 1");
    if (pulse.compareTo(lease) >= 0) throw new IllegalArgumentException("limbic.jobs.pulse must be shorter than lease");
  }

  public static JobSettings from(Config config) {
    Config c = config.getConfig("limbic.jobs");
    return new JobSettings(c.getInt("concurrency"), c.getInt("max-queued-per-tenant"), c.getDuration("lease"),
        c.getDuration("pulse"), c.getDuration("poll"), c.getInt("max-attempts"),
        c.getDuration("stop-timeout"));
  }
}
