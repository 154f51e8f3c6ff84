package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.http.ApiKeys;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.BrowserPage;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.HeadlessChromium;
import io.limbic.cluster.testkit.RecordingAgent;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.projections.agents.FailureMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's operations pages in headless Chromium against a node (H2) seeded over HTTP: profiles and
 * heartbeats whose idle phases run (3 s, 4 s, 5 s) and give daily matches, a like that gives the quality report an
 * evaluated match, and a product event a test agent fails on until it is parked as a dead letter. The operator signs
 * in through the form; Matching must show the phases with their lag and its n, precision@10 with its interval and
 * the read models; Agents must show the agents and the letter. Pause, Resume and Replay clicked in the page must
 * take effect over HTTP and be audited as the dashboard session of the key. No console error; one PNG per page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardOpsIT {
  /** Pausing an agent acts on every tenant: the operator role, given by name. */
  private static final String KEY = "opsdash-key-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
  private static final String POISON = "opsdash-poison-1";

  private LimbicNode node;
  private RecordingAgent recorder;
  private long letterId;
  private String letterKey;

  @BeforeAll
  void startAndSeed() throws Exception {
    recorder = new RecordingAgent("recorder", FailureMode.SKIP);
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys", "opsdash:" + KEY + ":ingest+read+admin+operator");
    settings.put("limbic.http.ask-timeout", "15s");
    settings.put("limbic.idle.phases", "3s,4s,5s");
    settings.put("limbic.idle.sweep-interval", "300ms");
    settings.put("limbic.agents.defaults.max-attempts", 2);
    settings.put("limbic.agents.defaults.min-backoff", "50ms");
    settings.put("limbic.agents.defaults.max-backoff", "200ms");
    node = TestNode.start(TestDatabase.h2(), settings, List.of(recorder));

    // 1 and 3 are men seeking women, 2 and 4 women seeking men, all in Amsterdam.
    for (int i = 1; i <= 4; i++) profile(i);
    for (int i = 1; i <= 4; i++) {
      int user = i;
      Eventually.within(WAIT, () ->
          assertEquals(200, api().post("/v1/heartbeat", "{\"userId\":\"" + user(user) + "\"}").status()));
    }
    JsonNode matches = Eventually.value(WAIT, () -> {
      JsonNode view = api().get("/v1/users/" + user(1) + "/matches/daily").body();
      assertFalse(view.path("matches").isEmpty(), view.toString());
      return view.get("matches");
    });
    Reply liked = api().post("/v1/matches/" + matches.get(0).get("matchId").asText() + "/action",
        "{\"action\":\"like\"}");
    assertEquals(200, liked.status(), liked.raw().body());
    Eventually.within(WAIT, () -> {
      JsonNode quality = api().get("/v1/matches/quality").body();
      assertTrue(quality.path("positive").asLong() >= 1, quality.toString());
      assertTrue(quality.hasNonNull("precisionLow"), quality.toString());
    });
    Eventually.within(WAIT, () -> {
      JsonNode deep = api().get("/v1/scheduler/status").body().path("phases").path(2);
      assertTrue(deep.path("completed").asLong() >= 1, deep.toString());
      assertTrue(deep.path("lagSamples").asLong() >= 1, deep.toString());
    });

    Reply event = api().post("/v1/events", "{\"events\":[{\"userId\":\"" + user(1) + "\",\"type\":\"purchase\","
        + "\"id\":\"" + POISON + "\",\"at\":\"2026-01-01T10:00:00Z\"}]}");
    assertEquals(200, event.status(), event.raw().body());
    JsonNode letter = Eventually.value(WAIT, () -> {
      JsonNode letters = api().get("/v1/dead-letters?agent=recorder").body().path("deadLetters");
      assertEquals(1, letters.size(), letters.toString());
      return letters.get(0);
    });
    letterId = letter.get("id").asLong();
    letterKey = letter.get("idempotencyKey").asText();
  }

  @AfterAll
  void stop() {
    if (node != null) node.stop();
  }

  private ApiClient api() {
    return new ApiClient(node.httpPort(), KEY);
  }

  private static String user(int i) {
    return "opsdash-u" + i;
  }

  private void profile(int i) throws Exception {
    boolean man = i % 2 == 1;
    String body = "{\"birthYear\":" + (1985 + i) + ",\"gender\":\"" + (man ? "m" : "f") + "\",\"seeking\":[\""
        + (man ? "f" : "m") + "\"],\"location\":{\"lat\":" + (52.30 + i / 100.0) + ",\"lon\":" + (4.80 + i / 100.0)
        + "},\"interests\":[\"jazz\",\"hiking\"],\"languages\":[\"nl\"],\"about\":\"likes long walks and jazz\"}";
    Eventually.within(WAIT, () -> {
      Reply reply = api().put("/v1/users/" + user(i) + "/profile", body);
      assertEquals(200, reply.status(), reply.raw().body());
    });
  }

  @Test
  void anOperatorSeesMatchingAndAgentsAndPausesResumesAndReplaysFromThePage() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    try (HeadlessChromium chromium = HeadlessChromium.launch(); BrowserPage page = chromium.newPage()) {
      page.call("Page.enable");
      page.call("Page.navigate", Map.of("url", "http://127.0.0.1:" + node.httpPort() + "/dashboard"));
      Eventually.within(WAIT, () -> assertEquals("signed-out", bodyState(page)));
      page.evaluate("document.getElementById('key').value = '" + KEY + "'; true");
      page.evaluate("document.getElementById('sign-in-button').click(); true");
      Eventually.within(WAIT, () -> assertEquals("signed-in", bodyState(page)));

      show(page, "matching");
      JsonNode quality = api().get("/v1/matches/quality").body();
      Eventually.within(WAIT, () -> {
        String precision = text(page, "#precision");
        assertTrue(text(page, "#precision .card-value").matches("\\d+\\.\\d %"), precision);
        assertTrue(precision.contains("95 % CI"), "precision carries its interval: " + precision);
        assertTrue(precision.contains("of " + quality.get("matchesEvaluated").asLong() + " evaluated"), precision);
        String phases = text(page, "#phases");
        assertTrue(phases.contains("3 · deep"), phases);
        assertTrue(phases.matches("(?s).*\\(n = [1-9]\\d*.*"), "the lag carries its n: " + phases);
        assertTrue(text(page, "#calibration").contains("95 % CI"), text(page, "#calibration"));
        assertTrue(text(page, "#projections").contains("daily-matches"), text(page, "#projections"));
        assertTrue(text(page, "#weights .card-value").matches("default|fitted"), text(page, "#weights"));
      });
      finish(chromium, page, "matching");

      show(page, "agents");
      String pause = "button.pause[data-agent='recorder']";
      String resume = "button.resume[data-agent='recorder']";
      String replay = "button.replay[data-letter='" + letterId + "']";
      Eventually.within(WAIT, () -> {
        String agents = text(page, "#agents");
        assertTrue(agents.contains("recorder") && agents.contains("notifications"), agents);
        assertTrue(text(page, "#dead-letters").contains(letterKey), text(page, "#dead-letters"));
        assertTrue(present(page, pause) && present(page, replay), "the buttons are there");
      });
      finish(chromium, page, "agents");

      page.evaluate("document.querySelector(\"" + pause + "\").click(); true");
      Eventually.within(WAIT, () -> assertEquals("paused", agentState("recorder")));
      Eventually.within(WAIT, () -> assertTrue(present(page, resume), "the view reloads: " + text(page, "#agents")));
      page.evaluate("document.querySelector(\"" + resume + "\").click(); true");
      Eventually.within(WAIT, () -> assertEquals("running", agentState("recorder")));
      Eventually.within(WAIT, () -> assertTrue(present(page, pause), text(page, "#agents")));

      recorder.failing = false;
      page.evaluate("document.querySelector(\"" + replay + "\").click(); true");
      Eventually.within(WAIT, () -> {
        JsonNode letter = api().get("/v1/dead-letters?agent=recorder").body().path("deadLetters").path(0);
        assertTrue(letter.hasNonNull("replayedAt"), letter.toString());
      });
      assertTrue(recorder.deliveredIds(user(1)).contains(POISON), "the replay reached the agent");
      Eventually.within(WAIT, () -> assertTrue(text(page, "#dead-letters").contains("replayed"),
          text(page, "#dead-letters")));
      finish(chromium, page, "agents-after-actions");

      String who = "dashboard:" + ApiKeys.nameOf(KEY);
      for (String[] expected : List.of(new String[] {"agent.pause", "recorder"},
          new String[] {"agent.resume", "recorder"}, new String[] {"dead_letter.replay", Long.toString(letterId)})) {
        JsonNode entry = api().get("/v1/audit?action=" + expected[0]).body().path("entries").path(0);
        assertEquals(who, entry.path("who").asText(), entry.toString());
        assertEquals(expected[1], entry.path("target").asText(), entry.toString());
        assertEquals(200, entry.path("status").asInt(), entry.toString());
      }
    }
  }

  private String agentState(String name) throws Exception {
    for (JsonNode a : api().get("/v1/agents").body().path("agents")) {
      if (a.path("name").asText().equals(name)) return a.path("state").asText();
    }
    throw new AssertionError("no agent " + name);
  }

  private static void show(BrowserPage page, String id) throws Exception {
    page.evaluate("location.hash = '#/" + id + "'; true");
    Eventually.within(WAIT, () -> assertEquals("true", page.evaluate(
        "(document.getElementById('page-" + id + "') || {dataset: {}}).dataset.ready || ''").asText()));
  }

  /** The page's screenshot, and no console error on the way to it. */
  private static void finish(HeadlessChromium chromium, BrowserPage page, String name) throws Exception {
    String png = page.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
        .path("data").asText();
    Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode(png));
    assertEquals(List.of(), chromium.consoleErrors(), "console errors on " + name);
  }

  private static boolean present(BrowserPage page, String selector) {
    return page.evaluate("document.querySelector(\"" + selector + "\") !== null").asBoolean();
  }

  private static String bodyState(BrowserPage page) {
    return page.evaluate("document.body.dataset.state || ''").asText();
  }

  private static String text(BrowserPage page, String selector) {
    return page.evaluate("(document.querySelector(\"" + selector + "\") || {textContent: ''}).textContent").asText();
  }
}
