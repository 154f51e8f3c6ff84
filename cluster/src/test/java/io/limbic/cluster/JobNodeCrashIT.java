package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a job outlives the node that crashed while running it. A node in its own JVM (short lease and pulse)
 * runs a real model fit ({@code estimate} of a few thousand periods, many EM iterations) and is killed with SIGKILL
 * once the job shows progress; a new node on the same database (the embedded H2 of the same data directory) finds
 * the lapsed lease and either runs the job again to success (second attempt) or, with {@code max-attempts = 1},
 * fails it as {@code abandoned}. Never left running.
 */
class JobNodeCrashIT {
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final int PERIODS = 2000;

  @Test
  void aJobWhoseNodeWasKilledRunsAgainOnTheNextNodeAndSucceeds() throws Exception {
    Path dataDir = Files.createTempDirectory("limbic-job-crash-");
    Node first = startNode(dataDir, 2);
    Node second = null;
    try {
      String key = Files.readString(dataDir.resolve("api-key")).trim();
      String id = startFitAndAwaitProgress(first.api(key));
      first.kill();

      second = startNode(dataDir, 2);
      ApiClient api = second.api(key);
      // The lapsed job is queued again and claimed by the new node: its second start.
      Eventually.within(WAIT, () -> {
        JsonNode job = job(api, id);
        assertEquals(2, job.get("attempts").asInt(), job.toString());
        assertTrue(List.of("queued", "running", "succeeded").contains(job.get("state").asText()), job.toString());
      });
      JsonNode done = finished(api, id);
      assertEquals("succeeded", done.get("state").asText(), done + second.jobLog());
      assertEquals(2, done.get("attempts").asInt(), done.toString());
      assertEquals(100, done.get("progress").asInt(), done.toString());
      assertEquals(1, done.get("result").get("version").asInt(), done.toString());
      JsonNode versions = api.get("/v1/models?segment=crash").body().get("versions");
      assertEquals(1, versions.size(), "one fit stored, by the attempt that finished: " + versions);
    } finally {
      if (first.process().process().isAlive()) first.kill();
      if (second != null) second.kill();
    }
  }

  @Test
  void aJobWhoseNodeWasKilledFailsAsAbandonedOnceItsAttemptsAreSpent() throws Exception {
    Path dataDir = Files.createTempDirectory("limbic-job-crash-");
    Node first = startNode(dataDir, 1);
    Node second = null;
    try {
      String key = Files.readString(dataDir.resolve("api-key")).trim();
      String id = startFitAndAwaitProgress(first.api(key));
      first.kill();

      second = startNode(dataDir, 1);
      ApiClient api = second.api(key);
      JsonNode failed = finished(api, id);
      assertEquals("failed", failed.get("state").asText(), failed + second.jobLog());
      assertEquals("abandoned", failed.get("error").get("code").asText(), failed.toString());
      assertTrue(failed.get("error").get("message").asText().contains("max-attempts"), failed.toString());
      assertEquals(1, failed.get("attempts").asInt(), failed.toString());
      assertNotNull(failed.get("finishedAt").asText(null), failed.toString());
      assertEquals(0, api.get("/v1/jobs?state=running").body().get("jobs").size());
    } finally {
      if (first.process().process().isAlive()) first.kill();
      if (second != null) second.kill();
    }
  }

  /** Submits the fit as a job and waits until its node has stored some progress of it; the job's id. */
  private static String startFitAndAwaitProgress(ApiClient api) throws Exception {
    Reply queued = api.post("/v1/models/estimate?async=true", fitRequest());
    assertEquals(202, queued.status(), queued.raw().body());
    String id = queued.body().get("jobId").asText();
    assertEquals("/v1/jobs/" + id, queued.header("Location"));
    Eventually.within(WAIT, () -> {
      JsonNode job = job(api, id);
      assertEquals("running", job.get("state").asText(), job.toString());
      assertTrue(job.get("progress").asInt() > 0, job.toString());
      assertEquals(1, job.get("attempts").asInt(), job.toString());
    });
    return id;
  }

  /** The job once it has finished, whichever way. */
  private static JsonNode finished(ApiClient api, String id) throws Exception {
    return Eventually.value(WAIT, () -> {
      JsonNode job = job(api, id);
      assertTrue(List.of("succeeded", "failed", "canceled").contains(job.get("state").asText()), job.toString());
      return job;
    });
  }

  private static JsonNode job(ApiClient api, String id) throws Exception {
    Reply reply = api.get("/v1/jobs/" + id);
    assertEquals(200, reply.status(), reply.raw().body());
    return reply.body();
  }

  /**
   * A four-state fit of four KPIs (each observing its state, {@code C} fixed to the identity) and one control over
   * {@value #PERIODS} days of inline data drawn from such a model, 1,000 EM iterations (the most a request may ask;
   * at 300 the job once ended in 0.6 s, before the test saw it running) with a tolerance EM does not reach: long
   * enough to be killed in the middle, short enough to finish on the next node.
   */
  private static String fitRequest() {
    Random random = new Random(12);
    StringBuilder y = new StringBuilder();
    StringBuilder u = new StringBuilder();
    double[] x = {10, 20, 30, 40};
    for (int t = 0; t < PERIODS; t++) {
      double control = t % 7 == 0 ? 1 : 0;
      if (t > 0) {
        y.append(',');
        u.append(',');
      }
      y.append('[');
      for (int i = 0; i < x.length; i++) {
        if (i > 0) y.append(',');
        y.append(String.format(Locale.ROOT, "%.4f", x[i] + random.nextGaussian()));
      }
      y.append(']');
      u.append('[').append(control).append(']');
      for (int i = 0; i < x.length; i++) {
        x[i] = 0.8 * x[i] + 0.1 * x[(i + 1) % x.length] + 2 * (i + 1) + (i + 1) * control + random.nextGaussian();
      }
    }
    return "{\"segment\":\"crash\",\"model\":{\"type\":\"state_space\",\"states\":4,\"kpis\":[\"active_users\","
        + "\"sessions\",\"conversions\",\"revenue\"],\"controls\":[\"campaign_sent\"],"
        + "\"free\":[\"A\",\"B\",\"Q\",\"R\"],\"fixed\":{\"C\":[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]},"
        + "\"maxIterations\":1000,\"tolerance\":1e-300},\"data\":{\"y\":[" + y + "],\"u\":[" + u + "]}}";
  }

  /** A node process and the port of its HTTP API. */
  private record Node(NodeProcess process, int httpPort) {
    ApiClient api(String key) {
      return new ApiClient(httpPort, key);
    }

    /** What the node wrote about jobs (and any exception), for a failure message. */
    String jobLog() {
      return "\n" + String.join("\n", process.output().stream()
          .filter(line -> line.contains("Job") || line.contains("Exception") || line.startsWith("\tat "))
          .limit(60).toList());
    }

    void kill() throws InterruptedException {
      process.kill();
    }
  }

  private static Node startNode(Path dataDir, int maxAttempts) throws Exception {
    int httpPort = TestNode.freePort();
    return new Node(NodeProcess.start(
        Map.of(
            "LIMBIC_DATA_DIR", dataDir.toString(),
            "LIMBIC_HTTP_PORT", Integer.toString(httpPort),
            "LIMBIC_MANAGEMENT_PORT", Integer.toString(TestNode.freePort()),
            "LIMBIC_REMOTE_PORT", Integer.toString(TestNode.freePort()),
            "LIMBIC_JOBS_LEASE", "3s",
            "LIMBIC_JOBS_PULSE", "500ms",
            "LIMBIC_JOBS_POLL", "500ms",
            "LIMBIC_JOBS_MAX_ATTEMPTS", Integer.toString(maxAttempts),
            "LIMBIC_ASK_TIMEOUT", "15s"),
        List.of()), httpPort);
  }
}
