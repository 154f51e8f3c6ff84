package io.limbic.projections.jobs;

import io.limbic.analytics.kpi.Progress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part of the job queue: it queues submissions in the {@code jobs} table, claims queued jobs while it
 * runs fewer than {@link JobSettings#concurrency()}, runs each one's {@link JobWork} on its own job thread, stores
 * progress and renews the lease every pulse, and writes the outcome. Every node also resumes (queues again) or fails
 * the running jobs whose lease lapsed, so a job whose node died is never left running. A node claims only kinds it
 * has a work for.
 */
public final class JobPlatform implements JobSubmitter {
  private static final Logger log = LoggerFactory.getLogger(JobPlatform.class);
  private static final int MAX_LAPSED_PER_SWEEP = 100;

  private final JobRepository jobs;
  private final Map<String, JobWork> works;
  private final JobSettings settings;
  private final Executor blocking;
  private final Clock clock;
  private final String node;
  private final ScheduledExecutorService control;
  private final ExecutorService workers;
  private final Map<String, Run> running = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  /** A job this node runs: what its work reports and whether it should stop. */
  private static final class Run implements Progress {
    final Job job;
    final AtomicInteger percent = new AtomicInteger();
    volatile boolean cancel;
    volatile boolean lost;
    volatile boolean stopping;

    Run(Job job) {
      this.job = job;
    }

    @Override
    public void report(double fraction) {
      if (Double.isNaN(fraction)) return;
      // 100 only once the result is stored: a job at 100 % that is still running would read as stuck.
      percent.set((int) Math.floor(Math.max(0, Math.min(0.99, fraction)) * 100));
    }

    @Override
    public boolean cancelled() {
      return cancel || lost || stopping;
    }
  }

  private JobPlatform(
      JobRepository jobs, Collection<JobWork> works, JobSettings settings, Executor blocking, Clock clock,
      String node) {
    this.jobs = jobs;
    Map<String, JobWork> byKind = new LinkedHashMap<>();
    for (JobWork w : works) {
      if (byKind.put(w.kind(), w) != null) throw new IllegalArgumentException("two job works of kind " + w.kind());
    }
    this.works = Map.copyOf(byKind);
    this.settings = settings;
    this.blocking = blocking;
    this.clock = clock;
    this.node = node.length() > 64 ? node.substring(0, 64) : node;
    this.control = Executors.newSingleThreadScheduledExecutor(threads("limbic-jobs-control"));
    this.workers = Executors.newFixedThreadPool(settings.concurrency(), threads("limbic-job"));
  }

  /** Starts claiming and running jobs of the kinds of {@code works}; {@code node} names this node in the table. */
  public static JobPlatform start(
      JobRepository jobs, Collection<JobWork> works, JobSettings settings, Executor blocking, Clock clock,
      String node) {
    JobPlatform platform = new JobPlatform(jobs, works, settings, blocking, clock, node);
    platform.control.scheduleWithFixedDelay(
        platform::poll, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    platform.control.scheduleWithFixedDelay(
        platform::pulse, settings.pulse().toMillis(), settings.pulse().toMillis(), TimeUnit.MILLISECONDS);
    log.info("Job platform on {}: {} at once, kinds {}", platform.node, settings.concurrency(),
        platform.works.keySet());
    return platform;
  }

  public JobSettings settings() {
    return settings;
  }

  public Set<String> kinds() {
    return works.keySet();
  }

  public boolean has(String kind) {
    return works.containsKey(kind);
  }

  /**
   * Queues a job. Fails with {@link IllegalArgumentException} for a kind no work is registered for and with
   * {@link JobQueueFull} when the tenant's queue is full.
   */
  @Override
  public CompletionStage<String> submit(String tenant, String kind, String requestJson, String idempotencyKey) {
    if (!works.containsKey(kind)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no job kind '" + kind + "'; known: "
          + works.keySet()));
    }
    return blockingly(() -> {
      Optional<String> id = jobs.insert(tenant, kind, requestJson, idempotencyKey, settings.maxQueuedPerTenant(),
          clock.instant());
      if (id.isEmpty()) throw new JobQueueFull(settings.maxQueuedPerTenant());
      wake();
      return id.get();
    });
  }

  public CompletionStage<Optional<Job>> find(String tenant, String id) {
    return blockingly(() -> jobs.find(tenant, id));
  }

  public CompletionStage<List<Job>> list(String tenant, Optional<JobState> state, int limit) {
    return blockingly(() -> jobs.list(tenant, state, limit));
  }

  /** Cancels a queued job at once, asks a running one to stop (at once when it runs here); the job after that. */
  public CompletionStage<Optional<Job>> cancel(String tenant, String id) {
    return blockingly(() -> {
      Optional<Job> job = jobs.cancel(tenant, id, clock.instant());
      Run run = running.get(id);
      if (run != null && job.isPresent()) run.cancel = true;
      return job;
    });
  }

  private void wake() {
    if (!stopping) {
      try {
        control.execute(this::poll);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // stopping: the next node picks the job up
      }
    }
  }

  private void poll() {
    if (stopping) return;
    try {
      sweepLapsed();
      int free = settings.concurrency() - running.size();
      if (free <= 0) return;
      for (Job job : jobs.queued(free + 16)) {
        if (free == 0 || stopping) break;
        if (!works.containsKey(job.kind())) continue;
        Instant now = clock.instant();
        if (!jobs.claim(job.id(), node, now, now.plus(settings.lease()))) continue;
        Run run = new Run(job);
        running.put(job.id(), run);
        free--;
        workers.execute(() -> execute(run));
      }
    } catch (Exception e) {
      log.warn("Looking for queued jobs failed; trying again in {}", settings.poll(), e);
    }
  }

  /** Resumes (queues again, from scratch) or fails each running job whose node stopped renewing its lease. */
  private void sweepLapsed() throws SQLException {
    Instant now = clock.instant();
    for (JobRepository.Lapsed lapsed : jobs.lapsed(now, MAX_LAPSED_PER_SWEEP)) {
      if (running.containsKey(lapsed.id())) continue; // ours: the next pulse renews it or finds it lost
      if (lapsed.cancelRequested()) {
        if (jobs.abandon(lapsed.id(), JobState.CANCELED, null, null, now)) log.info("Job {} canceled", lapsed.id());
      } else if (lapsed.attempts() < settings.maxAttempts()) {
        if (jobs.requeue(lapsed.id(), now)) log.info("Job {} lost its node; queued again", lapsed.id());
      } else if (jobs.abandon(lapsed.id(), JobState.FAILED, "abandoned", "the node running this job stopped before"
          + " it finished, " + lapsed.attempts() + " times (limbic.jobs.max-attempts); it is not started again",
          now)) {
        log.warn("Job {} failed: its node stopped {} times", lapsed.id(), lapsed.attempts());
      }
    }
  }

  private void pulse() {
    for (Run run : running.values()) {
      try {
        Instant now = clock.instant();
        if (!jobs.renew(run.job.id(), node, run.percent.get(), now.plus(settings.lease()))) {
          run.lost = true;
        } else if (!run.cancel && jobs.cancelRequested(run.job.id())) {
          run.cancel = true;
        }
      } catch (Exception e) {
        log.warn("Could not renew the lease of job {}", run.job.id(), e);
      }
    }
  }

  private void execute(Run run) {
    Job job = run.job;
    try {
      if (stopping) run.stopping = true;
      String result = works.get(job.kind()).run(job.tenant(), job.requestJson(), run);
      finish(run, JobState.SUCCEEDED, result == null ? "null" : result, null, null);
    } catch (Progress.Cancelled e) {
      if (run.lost) {
        log.info("Job {} stopped here: another node took it over", job.id());
      } else if (run.stopping) {
        release(run);
      } else {
        finish(run, JobState.CANCELED, null, null, null);
      }
    } catch (IllegalArgumentException e) {
      finish(run, JobState.FAILED, null, "invalid_request", e.getMessage());
    } catch (Throwable e) {
      log.error("Job {} of kind {} failed", job.id(), job.kind(), e);
      finish(run, JobState.FAILED, null, "internal", "the job failed with an internal error ("
          + e.getClass().getSimpleName() + "); it was logged");
    } finally {
      running.remove(job.id());
      wake();
    }
  }

  private void finish(Run run, JobState state, String result, String errorCode, String error) {
    try {
      if (!jobs.finish(run.job.id(), node, state, result, errorCode, error, clock.instant())) {
        log.info("Job {} ended here as {}, but this node no longer holds it", run.job.id(), state.label());
      }
    } catch (Exception e) {
      // The lease lapses and another node resumes the job: the outcome is not lost, only computed again.
      log.warn("Could not store the outcome of job {}", run.job.id(), e);
    }
  }

  private void release(Run run) {
    try {
      jobs.release(run.job.id(), node, clock.instant());
    } catch (Exception e) {
      log.warn("Could not release job {}; it resumes once its lease lapses", run.job.id(), e);
    }
  }

  /**
   * Stops taking jobs, asks the running ones to stop and gives up their leases, so another node (or this one after
   * a restart) resumes them at once from scratch. Call before the read-model pool closes.
   */
  public void stop() {
    stopping = true;
    running.values().forEach(r -> r.stopping = true);
    control.shutdown();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Jobs {} did not stop within {}; their leases are released", running.keySet(),
            settings.stopTimeout());
        running.values().forEach(this::release);
        workers.shutdownNow();
      }
      control.awaitTermination(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Query<T> {
    T run() throws Exception;
  }

  private <T> CompletionStage<T> blockingly(Query<T> query) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return query.run();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, blocking);
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
