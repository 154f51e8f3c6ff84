package io.limbic.cluster.testkit;

import io.limbic.analytics.kpi.Progress;
import io.limbic.projections.jobs.JobWork;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A real job of kind {@code count} for tests: {@code {"to": n, "fail"?: true}} counts to n, one step per permit the
 * test hands out for the tenant ({@link #step}), or freely once the tenant's gate is {@link #open}ed; reports
 * progress after every step, stops when cancelled, and answers {@code {"counted": n}}. {@code fail} rejects the
 * request (an invalid-request failure).
 */
public final class CountingWork implements JobWork {
  private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();
  private final Map<String, Boolean> open = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return "count";
  }

  public void step(String tenant, int steps) {
    gate(tenant).release(steps);
  }

  public void open(String tenant) {
    open.put(tenant, true);
  }

  private Semaphore gate(String tenant) {
    return gates.computeIfAbsent(tenant, t -> new Semaphore(0));
  }

  @Override
  public String run(String tenant, String requestJson, Progress progress) throws Exception {
    var request = new com.fasterxml.jackson.databind.ObjectMapper().readTree(requestJson);
    if (request.path("fail").asBoolean(false)) throw new IllegalArgumentException("asked to fail");
    int to = request.path("to").asInt(1);
    for (int i = 1; i <= to; i++) {
      while (!open.getOrDefault(tenant, false) && !gate(tenant).tryAcquire(20, TimeUnit.MILLISECONDS)) {
        if (progress.cancelled()) throw new Progress.Cancelled();
      }
      if (progress.cancelled()) throw new Progress.Cancelled();
      progress.report((double) i / to);
    }
    return "{\"counted\":" + to + "}";
  }
}
