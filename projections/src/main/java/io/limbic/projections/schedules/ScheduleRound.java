package io.limbic.projections.schedules;

import io.limbic.analytics.schedule.CronExpression;
import io.limbic.projections.jobs.Job;
import io.limbic.projections.jobs.JobRepository;
import io.limbic.projections.jobs.JobSubmitter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at every enabled schedule (the ticker runs one per tick, on one node of the cluster). A schedule's period
 * is the time from one cron match to the next; when a new period has begun, its run is submitted with the
 * idempotency key {@code <schedule>:<period start>}, so the same period is never submitted twice, even by a ticker
 * that restarted or moved to another node before it recorded the run. A failed run is retried within its period up
 * to {@code max-retries} times, with exponential backoff, each retry under its own key
 * ({@code <schedule>:<period start>:retry-<n>}). Periods missed while no node was up are not caught up: only the
 * latest period runs.
 */
public final class ScheduleRound {
  private static final Logger log = LoggerFactory.getLogger(ScheduleRound.class);

  private final ScheduleRepository schedules;
  private final JobRepository jobs;
  private final JobSubmitter submitter;
  private final Predicate<String> hasKind;
  private final ScheduleSettings settings;
  private final Clock clock;

  public ScheduleRound(ScheduleRepository schedules, JobRepository jobs, JobSubmitter submitter,
      Predicate<String> hasKind, ScheduleSettings settings, Clock clock) {
    this.schedules = schedules;
    this.jobs = jobs;
    this.submitter = submitter;
    this.hasKind = hasKind;
    this.settings = settings;
    this.clock = clock;
  }

  public void run() throws Exception {
    Instant now = clock.instant();
    if (settings.defaultsForTenantsWithData()) addDefaults(now);
    for (Schedule s : schedules.enabled()) {
      try {
        check(s, now);
      } catch (Exception e) {
        log.warn("Schedule {} of {} could not be checked; next tick tries again", s.name(), s.tenant(), e);
      }
    }
  }

  private void addDefaults(Instant now) throws Exception {
    for (String tenant : schedules.tenantsWithData()) {
      for (ScheduleDefault d : settings.defaults()) {
        // A default whose kind no node registered would only fail: it appears once its work is there.
        if (!hasKind.test(d.kind())) continue;
        schedules.insert(tenant, d.name(), d.kind(), d.cron(), true, d.requestJson(),
            now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), now);
      }
    }
  }

  private void check(Schedule s, Instant now) throws Exception {
    Schedule current = followLastJob(s, now);
    Optional<Instant> period = CronExpression.parse(current.cron()).latestAtOrBefore(now);
    boolean due = period.isPresent() && !period.get().isBefore(current.effectiveFrom())
        && (current.lastPeriod() == null || period.get().isAfter(current.lastPeriod()));
    if (due) {
      submit(current, period.get(), 1, now);
    } else if (period.isPresent() && period.get().equals(current.lastPeriod()) && retryDue(current, now)) {
      submit(current, period.get(), current.attempts() + 1, now);
    }
    schedules.checked(s.tenant(), s.name(), now);
  }

  private boolean retryDue(Schedule s, Instant now) {
    return "failed".equals(s.lastOutcome()) && s.retryAt() != null && !now.isBefore(s.retryAt());
  }

  /** Records what became of the last run, and when a failed one is retried (if it still may be). */
  private Schedule followLastJob(Schedule s, Instant now) throws Exception {
    if (s.lastJobId() == null || !("queued".equals(s.lastOutcome()) || "running".equals(s.lastOutcome()))) return s;
    Optional<Job> job = jobs.find(s.tenant(), s.lastJobId());
    if (job.isEmpty()) return s;
    Job j = job.get();
    String outcome = j.state().label();
    if (outcome.equals(s.lastOutcome())) return s;
    Instant retryAt = null;
    if (outcome.equals("failed") && s.attempts() <= settings.maxRetries()) {
      Instant failedAt = j.finishedAt() == null ? now : j.finishedAt();
      retryAt = failedAt.plus(settings.backoff(s.attempts()));
    }
    schedules.outcome(s.tenant(), s.name(), outcome, j.error(), retryAt);
    return schedules.find(s.tenant(), s.name()).orElse(s);
  }

  private void submit(Schedule s, Instant period, int attempt, Instant now) throws Exception {
    String key = s.name() + ":" + period + (attempt > 1 ? ":retry-" + (attempt - 1) : "");
    String id;
    try {
      id = submitter.submit(s.tenant(), s.kind(), s.requestJson(), key).toCompletableFuture().join();
    } catch (CompletionException e) {
      // Queue full or the kind gone: nothing is recorded for the period, so the next tick tries again.
      String why = e.getCause() == null ? String.valueOf(e) : e.getCause().getMessage();
      schedules.outcome(s.tenant(), s.name(), "not_submitted", why, null);
      log.info("Schedule {} of {}: period {} not submitted: {}", s.name(), s.tenant(), period, why);
      return;
    }
    schedules.ran(s.tenant(), s.name(), period, id, attempt, now);
    log.info("Schedule {} of {}: period {} submitted as job {} (attempt {})", s.name(), s.tenant(), period, id,
        attempt);
  }
}
