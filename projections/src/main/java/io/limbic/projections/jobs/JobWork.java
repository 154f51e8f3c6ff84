package io.limbic.projections.jobs;

import io.limbic.analytics.kpi.Progress;

/**
 * One kind of job ({@code estimate}, {@code simulate}, {@code recommend}, {@code backtest}, {@code signal_lifts},
 * {@code curiosity}, {@code roi_report}): given the tenant and the request as JSON, do the work and return the
 * result as JSON. Runs on a job thread (blocking is fine); reports progress and stops with
 * {@link Progress.Cancelled} when asked. A {@link IllegalArgumentException} fails the job with its message as the
 * error (the request was wrong); anything else fails it as an internal error.
 */
public interface JobWork {
  String kind();

  String run(String tenant, String requestJson, Progress progress) throws Exception;
}
