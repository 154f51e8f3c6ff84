package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.CountingWork;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 12, jobs over HTTP with a real counting job: submit, progress, result, cancel, the queue bound, tenant
 * isolation, idempotency keys, and node restarts in the middle (resumed to success; failed visibly once its
 * attempts are spent). Each test uses its own tenant and leaves no job running; two jobs run at once per node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class JobsContract {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final List<String> TENANTS = List.of("run", "cancel", "full", "other", "keys", "resume", "abandon");

  TestDatabase db;
  LimbicNode node;
  CountingWork counting;

  abstract String database();

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.of(database());
    node = startNode();
  }

  private LimbicNode startNode() throws Exception {
    counting = new CountingWork();
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys", TENANTS.stream().map(t -> t + ":" + key(t)).collect(Collectors.joining(",")));
    settings.put("limbic.jobs.concurrency", 2);
    settings.put("limbic.jobs.max-queued-per-tenant", 2);
    settings.put("limbic.jobs.poll", "100ms");
    settings.put("limbic.jobs.pulse", "100ms");
    settings.put("limbic.jobs.lease", "3s");
    settings.put("limbic.jobs.max-attempts", 2);
    return TestNode.start(db, settings, List.of(), List.of(counting));
  }

  /** Every response these tests receive is checked against openapi.json. */
  final ContractViolations openApi = new ContractViolations();

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
  }

  static String key(String tenant) {
    return tenant + "-key-0123456789abcdef";
  }

  ApiClient api(String tenant) {
    return new ApiClient(node.httpPort(), key(tenant)).validating(openApi);
  }

  JsonNode submit(String tenant, String request) throws Exception {
    Reply reply = api(tenant).post("/v1/jobs", "{\"kind\":\"count\",\"request\":" + request + "}");
    assertEquals(202, reply.status(), reply.raw().body());
    assertEquals("/v1/jobs/" + reply.body().get("id").asText(), reply.header("Location"));
    return reply.body();
  }

  JsonNode job(String tenant, String id) throws Exception {
    Reply reply = api(tenant).get("/v1/jobs/" + id);
    assertEquals(200, reply.status(), reply.raw().body());
    return reply.body();
  }

  JsonNode awaitState(String tenant, String id, String state) throws Exception {
    return Eventually.value(WAIT, () -> {
      JsonNode job = job(tenant, id);
      assertEquals(state, job.get("state").asText(), job.toString());
      return job;
    });
  }

  Reply cancel(String tenant, String id) throws Exception {
    return api(tenant).send("DELETE", "/v1/jobs/" + id, null);
  }

  @Test
  @Order(1)
  void aJobReportsProgressAndItsResult() throws Exception {
    String id = submit("run", "{\"to\":4}").get("id").asText();
    awaitState("run", id, "running");
    counting.step("run", 2);
    Eventually.within(WAIT, () -> assertEquals(50, job("run", id).get("progress").asInt()));
    counting.step("run", 2);
    JsonNode done = awaitState("run", id, "succeeded");
    assertEquals(100, done.get("progress").asInt());
    assertEquals(4, done.get("result").get("counted").asInt());
    assertEquals("count", done.get("kind").asText());
    assertNotNull(done.get("createdAt").asText(null));
    assertNotNull(done.get("startedAt").asText(null));
    assertNotNull(done.get("finishedAt").asText(null));
    assertEquals(1, done.get("attempts").asInt());
    Reply listed = api("run").get("/v1/jobs?state=succeeded");
    assertEquals(id, listed.body().get("jobs").get(0).get("id").asText());
    assertEquals(400, api("run").get("/v1/jobs?state=sleeping").status());
  }

  @Test
  @Order(2)
  void invalidSubmissionsAndFailedJobs() throws Exception {
    Reply unknown = api("run").post("/v1/jobs", "{\"kind\":\"nothing\",\"request\":{}}");
    assertEquals(400, unknown.status(), unknown.raw().body());
    assertEquals(400, api("run").post("/v1/jobs", "{\"request\":{}}").status());
    String id = submit("run", "{\"fail\":true}").get("id").asText();
    JsonNode failed = awaitState("run", id, "failed");
    assertEquals("invalid_request", failed.get("error").get("code").asText());
    assertEquals("asked to fail", failed.get("error").get("message").asText());
  }

  @Test
  @Order(3)
  void queuedJobsCancelAtOnceAndRunningOnesWhenTheirWorkStops() throws Exception {
    String a = submit("cancel", "{\"to\":3}").get("id").asText();
    String b = submit("cancel", "{\"to\":3}").get("id").asText();
    awaitState("cancel", a, "running");
    awaitState("cancel", b, "running");
    String c = submit("cancel", "{\"to\":3}").get("id").asText();
    assertEquals("queued", job("cancel", c).get("state").asText());
    Reply queued = cancel("cancel", c);
    assertEquals(200, queued.status(), queued.raw().body());
    assertEquals("canceled", queued.body().get("state").asText());
    counting.step("cancel", 1);
    Reply running = cancel("cancel", a);
    assertTrue(running.status() == 202 || running.status() == 200, running.raw().body());
    cancel("cancel", b);
    awaitState("cancel", a, "canceled");
    awaitState("cancel", b, "canceled");
    assertEquals("canceled", job("cancel", c).get("state").asText());
  }

  @Test
  @Order(4)
  void aFullQueueAnswers429() throws Exception {
    String a = submit("full", "{\"to\":1}").get("id").asText();
    String b = submit("full", "{\"to\":1}").get("id").asText();
    awaitState("full", a, "running");
    awaitState("full", b, "running");
    String c = submit("full", "{\"to\":1}").get("id").asText();
    String d = submit("full", "{\"to\":1}").get("id").asText();
    Reply refused = api("full").post("/v1/jobs", "{\"kind\":\"count\",\"request\":{\"to\":1}}");
    assertEquals(429, refused.status(), refused.raw().body());
    assertTrue(refused.body().get("type").asText().endsWith("/job_queue_full"), refused.raw().body());
    assertNotNull(refused.header("Retry-After"));
    // Another tenant's queue is its own.
    String other = submit("other", "{\"to\":1}").get("id").asText();
    counting.open("full");
    counting.open("other");
    for (String id : List.of(a, b, c, d)) awaitState("full", id, "succeeded");
    awaitState("other", other, "succeeded");
  }

  @Test
  @Order(5)
  void anotherTenantsJobIsNotFound() throws Exception {
    String id = api("run").get("/v1/jobs").body().get("jobs").get(0).get("id").asText();
    assertEquals(404, api("other").get("/v1/jobs/" + id).status());
    assertEquals(404, cancel("other", id).status());
    for (JsonNode j : api("other").get("/v1/jobs").body().get("jobs")) assertFalse(j.get("id").asText().equals(id));
    assertEquals(404, api("run").get("/v1/jobs/no-such-job").status());
  }

  @Test
  @Order(6)
  void anIdempotencyKeyQueuesOneJob() throws Exception {
    counting.open("keys");
    String body = "{\"kind\":\"count\",\"request\":{\"to\":1},\"idempotencyKey\":\"period-1\"}";
    Reply first = api("keys").post("/v1/jobs", body);
    Reply second = api("keys").post("/v1/jobs", body);
    assertEquals(202, first.status(), first.raw().body());
    assertEquals(first.body().get("id").asText(), second.body().get("id").asText());
    assertEquals("period-1", second.body().get("idempotencyKey").asText());
    awaitState("keys", first.body().get("id").asText(), "succeeded");
    assertEquals(1, api("keys").get("/v1/jobs").body().get("jobs").size());
  }

  @Test
  @Order(7)
  void aRestartResumesRunningJobsAndFailsThemVisiblyOnceTheirAttemptsAreSpent() throws Exception {
    String resumed = submit("resume", "{\"to\":4}").get("id").asText();
    String abandoned = submit("abandon", "{\"to\":4}").get("id").asText();
    counting.step("resume", 1);
    Eventually.within(WAIT, () -> assertEquals(25, job("resume", resumed).get("progress").asInt()));
    awaitState("abandon", abandoned, "running");

    node.stop();
    node = startNode();
    counting.open("resume");
    JsonNode done = awaitState("resume", resumed, "succeeded");
    assertEquals(2, done.get("attempts").asInt(), done.toString());
    assertEquals(4, done.get("result").get("counted").asInt());
    Eventually.within(WAIT, () -> assertEquals(2, awaitState("abandon", abandoned, "running").get("attempts").asInt()));

    node.stop();
    node = startNode();
    JsonNode failed = awaitState("abandon", abandoned, "failed");
    assertEquals("abandoned", failed.get("error").get("code").asText(), failed.toString());
    assertNotNull(failed.get("finishedAt").asText(null));
  }
}
