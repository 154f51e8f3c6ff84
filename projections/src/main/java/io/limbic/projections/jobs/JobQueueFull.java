package io.limbic.projections.jobs;

/** A submission refused because the tenant already has as many queued jobs as the bound allows (HTTP 429). */
public final class JobQueueFull extends RuntimeException {
  public JobQueueFull(int limit) {
    super("this tenant has " + limit + " jobs queued already (limbic.jobs.max-queued-per-tenant); retry when some"
        + " have started", null, false, false);
  }
}
