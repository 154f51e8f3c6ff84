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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Issue 12, schedules over HTTP on H2, with the ticker driven fast by a setting and a real counting job: validation,
 * one run per period across a node restart, retries with backoff, defaults for tenants with data and opt-in, and
 * the shipped {@code roi_report} work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulesH2IT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final List<String> TENANTS = List.of("minutely", "failing", "data", "quiet");

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.h2();
    node = startNode();
  }

  private LimbicNode startNode() throws Exception {
    CountingWork counting = new CountingWork();
    TENANTS.forEach(counting::open);
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys", TENANTS.stream().map(t -> t + ":" + key(t) + ":ingest+read+admin")
        .collect(Collectors.joining(",")));
    settings.put("limbic.jobs.poll", "100ms");
    settings.put("limbic.jobs.pulse", "100ms");
    settings.put("limbic.schedules.tick", "200ms");
    settings.put("limbic.schedules.max-retries", 2);
    settings.put("limbic.schedules.min-backoff", "100ms");
    settings.put("limbic.schedules.max-backoff", "200ms");
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

  JsonNode schedule(String tenant, String name) throws Exception {
    Reply reply = api(tenant).get("/v1/schedules");
    assertEquals(200, reply.status(), reply.raw().body());
    for (JsonNode s : reply.body().get("schedules")) if (s.get("name").asText().equals(name)) return s;
    throw new AssertionError("no schedule " + name + " in " + reply.body());
  }

  List<JsonNode> jobs(String tenant) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    api(tenant).get("/v1/jobs").body().get("jobs").forEach(out::add);
    return out;
  }

  @Test
  @Order(1)
  void schedulesAreValidated() throws Exception {
    Reply badCron = api("quiet").put("/v1/schedules/x", "{\"cron\":\"61 * * * *\",\"kind\":\"count\"}");
    assertEquals(400, badCron.status());
    assertTrue(badCron.body().get("detail").asText().contains("minute field '61'"), badCron.raw().body());
    // Rejected by cron-utils' UNIX definition (a Quartz extension), still as a 400 naming the field.
    Reply quartz = api("quiet").put("/v1/schedules/x", "{\"cron\":\"0 0 L * *\",\"kind\":\"count\"}");
    assertEquals(400, quartz.status());
    assertTrue(quartz.body().get("detail").asText().contains("day-of-month field 'L'"), quartz.raw().body());
    assertEquals(400, api("quiet").put("/v1/schedules/x", "{\"cron\":\"* * * * *\",\"kind\":\"nothing\"}").status());
    assertEquals(400, api("quiet").put("/v1/schedules/x", "{\"cron\":\"* * * * *\"}").status());
    assertEquals(400, api("quiet").put("/v1/schedules/Bad_Name", "{\"cron\":\"* * * * *\",\"kind\":\"count\"}")
        .status());
  }

  @Test
  @Order(2)
  void aScheduleRunsOncePerPeriodAcrossARestart() throws Exception {
    Reply put = api("minutely").put("/v1/schedules/every-minute",
        "{\"cron\":\"* * * * *\",\"kind\":\"count\",\"request\":{\"to\":1}}");
    assertEquals(200, put.status(), put.raw().body());
    JsonNode ran = Eventually.value(WAIT, () -> {
      JsonNode s = schedule("minutely", "every-minute");
      assertEquals("succeeded", s.get("lastRun").get("outcome").asText(), s.toString());
      return s;
    });
    Instant period = Instant.parse(ran.get("lastRun").get("period").asText());
    Instant next = Instant.parse(ran.get("nextRun").asText());
    assertEquals(period.plusSeconds(60), next);
    assertEquals(1, ran.get("lastRun").get("attempts").asInt());

    node.stop();
    Instant restarted = Instant.now();
    node = startNode();
    // The new node's ticker has looked at the schedule at least once.
    Eventually.within(WAIT, () -> assertTrue(
        Instant.parse(schedule("minutely", "every-minute").get("checkedAt").asText()).isAfter(restarted)));
    List<JsonNode> jobs = jobs("minutely");
    Set<String> keys = new HashSet<>();
    for (JsonNode j : jobs) {
      String key = j.get("idempotencyKey").asText();
      assertTrue(key.startsWith("every-minute:"), key);
      assertTrue(keys.add(key), "two jobs for the period " + key + ": " + jobs);
    }
    assertTrue(keys.contains("every-minute:" + period), keys.toString());
    assertEquals(jobs.size(), keys.size());
  }

  @Test
  @Order(3)
  void aFailedRunIsRetriedWithBackoffAFewTimes() throws Exception {
    Reply put = api("failing").put("/v1/schedules/failing",
        "{\"cron\":\"* * * * *\",\"kind\":\"count\",\"request\":{\"fail\":true}}");
    assertEquals(200, put.status(), put.raw().body());
    JsonNode s = Eventually.value(WAIT, () -> {
      JsonNode last = schedule("failing", "failing").get("lastRun");
      assertEquals("failed", last.get("outcome").asText(), last.toString());
      assertEquals(3, last.get("attempts").asInt(), last.toString());
      assertTrue(last.get("retryAt").isNull(), last.toString());
      return last;
    });
    assertEquals("asked to fail", s.get("error").asText());
    String period = s.get("period").asText();
    Set<String> keys = jobs("failing").stream().map(j -> j.get("idempotencyKey").asText()).collect(Collectors.toSet());
    assertTrue(keys.containsAll(Set.of("failing:" + period, "failing:" + period + ":retry-1",
        "failing:" + period + ":retry-2")), keys.toString());
    assertFalse(keys.contains("failing:" + period + ":retry-3"), keys.toString());
  }

  @Test
  @Order(4)
  void tenantsWithDataGetTheDefaultsOthersOptIn() throws Exception {
    Reply beat = api("data").post("/v1/heartbeat",
        "{\"userId\":\"u1\",\"sessionId\":\"s1\",\"at\":\"" + Instant.now() + "\"}");
    assertEquals(200, beat.status(), beat.raw().body());
    JsonNode roi = Eventually.value(WAIT, () -> schedule("data", "monthly-roi-report"));
    assertEquals("roi_report", roi.get("kind").asText());
    assertEquals("0 5 1 * *", roi.get("cron").asText());
    assertTrue(roi.get("enabled").asBoolean());
    assertNotNull(roi.get("nextRun").asText(null));
    // The node ships a work for each default (signal lifts have none: they need the tenant's own signals).
    Set<String> names = new java.util.TreeSet<>();
    api("data").get("/v1/schedules").body().get("schedules").forEach(d -> names.add(d.get("name").asText()));
    assertEquals(Set.of("monthly-roi-report", "nightly-curiosity", "nightly-estimate", "nightly-session-retention",
        "weekly-backtest"), names);

    assertEquals(0, api("quiet").get("/v1/schedules").body().get("schedules").size());
    Reply optIn = api("quiet").put("/v1/schedules/monthly-roi-report", "{\"enabled\":true}");
    assertEquals(200, optIn.status(), optIn.raw().body());
    assertEquals("roi_report", optIn.body().get("kind").asText());
    assertEquals(30, optIn.body().get("request").get("days").asInt());
  }

  @Test
  @Order(5)
  void theRoiReportWorkSummarisesTheInterventionForensics() throws Exception {
    Reply submitted = api("quiet").post("/v1/jobs", "{\"kind\":\"roi_report\",\"request\":{\"days\":7}}");
    assertEquals(202, submitted.status(), submitted.raw().body());
    String id = submitted.body().get("id").asText();
    JsonNode done = Eventually.value(WAIT, () -> {
      JsonNode j = api("quiet").get("/v1/jobs/" + id).body();
      assertEquals("succeeded", j.get("state").asText(), j.toString());
      return j;
    });
    assertEquals(0, done.get("result").get("decisions").asInt());
    assertEquals(0, done.get("result").get("variants").size());
    assertTrue(done.get("result").has("totals"));
    Reply bad = api("quiet").post("/v1/jobs", "{\"kind\":\"roi_report\",\"request\":{\"days\":0}}");
    String badId = bad.body().get("id").asText();
    Eventually.within(WAIT, () -> {
      JsonNode j = api("quiet").get("/v1/jobs/" + badId).body();
      assertEquals("failed", j.get("state").asText(), j.toString());
      assertTrue(j.get("error").get("message").asText().contains("days"), j.toString());
    });
  }
}
