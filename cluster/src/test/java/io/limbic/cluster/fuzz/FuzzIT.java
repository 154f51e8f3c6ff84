package io.limbic.cluster.fuzz;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.LimbicNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.LoggedErrors;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Thousands of malformed requests over every route and the WebSocket, from a seeded generator, against one node on
 * H2 with two tenants. None may get a 5xx; every error is a problem body; none is a write, so the journal and a
 * canary user, session, profile and configuration of each tenant read back exactly as before; the node stays ready.
 * Sizes and seed: {@code -Dlimbic.fuzz.requests}, {@code -Dlimbic.fuzz.messages}, {@code -Dlimbic.fuzz.seed}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzIT {
  private static final int REQUESTS = Integer.getInteger("limbic.fuzz.requests", 5000);
  private static final int MESSAGES = Integer.getInteger("limbic.fuzz.messages", 500);
  private static final long SEED = Long.getLong("limbic.fuzz.seed", 20_261_201L);
  private static final Map<String, String> KEYS =
      Map.of("alpha", "alpha-fuzz-key-0123456789abcdef", "beta", "beta-fuzz-key-0123456789abcdef");
  static final String CANARY_USER = "canary-user";
  static final String CANARY_SESSION = "canary-session";

  private TestDatabase db;
  private LimbicNode node;
  private List<String> keys;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.h2();
    keys = List.of(KEYS.get("alpha"), KEYS.get("beta"));
    node = TestNode.start(db, Map.of(
        "limbic.api-keys", "alpha:" + KEYS.get("alpha") + ",beta:" + KEYS.get("beta"),
        // No idle phase may start during the run: the canaries must stay as they were written.
        "limbic.idle.phases", "100h,200h,300h"));
    for (String key : keys) Canary.write(api(key), key.equals(keys.get(0)));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  private ApiClient api(String key) {
    return new ApiClient(node.httpPort(), key);
  }

  private int managementPort() {
    return node.system().settings().config().getInt("pekko.management.http.port");
  }

  @Test
  void malformedRequestsAreRefusedWithoutServerErrorsAndChangeNothing() throws Exception {
    Map<String, String> canariesBefore = canaries();
    long journalBefore = db.journalRows();
    int mark = LoggedErrors.mark();

    Findings findings = new Findings();
    long started = System.nanoTime();
    Map<String, Integer> perRoute = sendRequests(findings);
    SocketRun.Totals socket =
        new SocketRun(node.httpPort(), keys, CANARY_SESSION, findings)
            .run(new SocketMessages(SEED, CANARY_USER, CANARY_SESSION), MESSAGES);

    long journalAfter = db.journalRows();
    Map<String, String> canariesAfter = canaries();
    List<String> errors = LoggedErrors.since(mark);
    int ready = ApiClient.getUrl("http://127.0.0.1:" + managementPort() + "/ready").status();
    int alive = ApiClient.getUrl("http://127.0.0.1:" + managementPort() + "/alive").status();

    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.println("FuzzIT: seed " + SEED + ", " + REQUESTS + " requests over " + perRoute.size() + " routes "
        + perRoute + ", " + socket.sent() + " WebSocket messages (" + socket.replies() + " replies), in " + seconds
        + " s\n" + findings.report() + errorsReport(errors));
    assertAll(
        () -> assertTrue(findings.isEmpty(), findings.summary()),
        () -> assertEquals(journalBefore, journalAfter, "journal rows before and after the run"),
        () -> assertEquals(Map.of(), changed(canariesBefore, canariesAfter), "canaries that changed"),
        () -> assertEquals(200, ready, "/ready after the run"),
        () -> assertEquals(200, alive, "/alive after the run"),
        () -> assertEquals(List.of(), errors, "ERRORs logged during the run"));
  }

  private Map<String, Integer> sendRequests(Findings findings) {
    RequestGenerator generator = new RequestGenerator(SEED, keys, CANARY_USER, CANARY_SESSION);
    Map<String, Integer> perRoute = new LinkedHashMap<>();
    try (RawHttp apiPort = new RawHttp(node.httpPort()); RawHttp management = new RawHttp(managementPort())) {
      for (int i = 0; i < REQUESTS; i++) {
        FuzzRequest request = generator.request(i);
        perRoute.merge(request.route(), 1, Integer::sum);
        RawHttp.Answer answer = (request.management() ? management : apiPort).send(request);
        for (String problem : Verdicts.of(request, answer)) {
          String got = answer.status() == 0 ? answer.failure()
              : answer.header("content-type") + " " + FuzzRequest.clip(answer.body(), 240);
          findings.add(request.route(), request.shape(), problem, answer.status(),
              "#" + i + " " + request.oneLine() + " [expected " + request.expect() + "]", got);
        }
      }
    }
    return perRoute;
  }

  /** Each tenant's canary user, session, profile and thresholds, as the API shows them. */
  private Map<String, String> canaries() throws Exception {
    Map<String, String> views = new LinkedHashMap<>();
    for (String key : keys) {
      ApiClient api = api(key);
      for (String path : Canary.PATHS) {
        ApiClient.Reply reply = api.get(path);
        views.put(key.substring(0, 5) + " " + path, reply.status() + " " + reply.raw().body());
      }
    }
    return views;
  }

  /** The canary reads that differ, each shown before and after (clipped). */
  private static Map<String, String> changed(Map<String, String> before, Map<String, String> after) {
    Map<String, String> changed = new LinkedHashMap<>();
    before.forEach((path, view) -> {
      if (!view.equals(after.get(path))) {
        changed.put(path, FuzzRequest.clip(view, 200) + "  ->  " + FuzzRequest.clip(String.valueOf(after.get(path)), 400));
      }
    });
    return changed;
  }

  private static String errorsReport(List<String> errors) {
    if (errors.isEmpty()) return "no ERROR logged during the run\n";
    Map<String, Integer> distinct = new LinkedHashMap<>();
    for (String error : errors) distinct.merge(FuzzRequest.clip(error, 300), 1, Integer::sum);
    List<String> lines = new ArrayList<>();
    distinct.forEach((line, count) -> lines.add("  " + count + " x " + line));
    return errors.size() + " ERRORs logged during the run (" + distinct.size() + " distinct):\n"
        + String.join("\n", lines.subList(0, Math.min(30, lines.size()))) + "\n";
  }
}
