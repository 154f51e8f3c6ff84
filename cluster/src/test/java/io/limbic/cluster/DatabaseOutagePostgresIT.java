package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.DatabaseProxy;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.LoggedErrors;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: PostgreSQL unreachable for 10 s under a steady load of heartbeats and product events. The node reaches
 * the database through a {@link DatabaseProxy} the test cuts (every connection closed, new ones refused) and
 * restores. During the cut every request is answered, with 503 and Retry-After (mostly {@code database_unavailable}
 * at once, not after the ask timeout), never a 500 or a hang; after the restore writes succeed again within
 * seconds; every acknowledged write is in the entity's state afterwards; the node logs only a few ERROR lines.
 */
class DatabaseOutagePostgresIT {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final int USERS = 10;
  private static final int CLIENTS = 4;
  private static final long PACE_MILLIS = 50;
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private enum Phase { BEFORE, CUT, RESTORED }

  /** One request: what it wrote, when it started (phase and time), and what came back (-1: no answer in time). */
  private record Outcome(boolean heartbeat, String user, Phase phase, long startNanos, int status, String code,
      String retryAfter, boolean acknowledged) {}

  private volatile Phase phase = Phase.BEFORE;
  private volatile boolean running = true;
  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

  @Test
  void outageAnswers503AtOnceRecoversWithinSecondsAndLosesNoAcknowledgedWrite() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    DatabaseProxy proxy = new DatabaseProxy(portOf(db.url));
    Map<String, Object> settings = new HashMap<>(db.nodeSettings());
    settings.put("limbic.db.url", proxy.through(db.url));
    settings.put("limbic.api-keys", "acme:" + KEY);
    // Every heartbeat persisted before it is acknowledged, so each acknowledgement can be counted against the state.
    settings.put("limbic.user.heartbeat-persist-interval", "0s");
    LimbicNode node = TestNode.start(settings);
    List<Thread> clients = new ArrayList<>();
    try {
      int port = node.httpPort();
      AtomicInteger sequence = new AtomicInteger();
      for (int c = 0; c < CLIENTS; c++) {
        boolean heartbeats = c % 2 == 0;
        Thread client = new Thread(() -> load(port, heartbeats, sequence), "outage-client-" + c);
        client.start();
        clients.add(client);
      }
      Eventually.within(Duration.ofSeconds(60), () -> assertTrue(acknowledged(Phase.BEFORE) >= 200));
      int mark = LoggedErrors.mark();

      proxy.cut();
      phase = Phase.CUT;
      Thread.sleep(10_000); // the outage itself: the database stays unreachable this long
      phase = Phase.RESTORED;
      long restoredAt = System.nanoTime();
      proxy.restore();

      Eventually.within(Duration.ofSeconds(30), () -> assertTrue(acknowledged(Phase.RESTORED) >= 20));
      running = false;
      for (Thread client : clients) client.join(CLIENT_TIMEOUT.plusSeconds(5).toMillis());
      List<String> errors = LoggedErrors.since(mark);

      List<Outcome> all = List.copyOf(outcomes);
      List<Outcome> cut = all.stream().filter(o -> o.phase() == Phase.CUT).toList();
      long unanswered = all.stream().filter(o -> o.status() < 0).count();
      long serverErrors = all.stream().filter(o -> o.status() >= 500 && o.status() != 503).count();
      long cut503 = cut.stream().filter(o -> o.status() == 503).count();
      long cutFast = cut.stream().filter(o -> "database_unavailable".equals(o.code())).count();
      long without = all.stream().filter(o -> o.status() == 503 && o.retryAfter() == null).count();
      long firstSuccess = all.stream().filter(o -> o.phase() == Phase.RESTORED && o.acknowledged())
          .mapToLong(Outcome::startNanos).min().orElseThrow();
      System.out.printf(
          "DatabaseOutagePostgresIT: %d requests, %d during the 10 s cut (%d answered 503, %d of them "
              + "database_unavailable at once), %d unanswered within %d s, %d other 5xx; first acknowledged write "
              + "%d ms after the database returned; %d ERROR lines logged from the cut on%n",
          all.size(), cut.size(), cut503, cutFast, unanswered, CLIENT_TIMEOUT.toSeconds(), serverErrors,
          Duration.ofNanos(Math.max(0, firstSuccess - restoredAt)).toMillis(), errors.size());
      errors.stream().limit(20).forEach(e -> System.out.println("  ERROR " + e));

      assertEquals(0, unanswered, "every request is answered before the client's own timeout");
      assertEquals(0, serverErrors, "an outage is a 503, never a 500");
      assertEquals(0, without, "every 503 says when to retry");
      assertTrue(cut.size() >= 10, "the load went on during the cut: " + cut.size());
      assertEquals(cut.size(), cut503, "every request sent during the cut is a 503");
      assertTrue(cutFast * 2 > cut.size(),
          "most requests during the cut fail fast with database_unavailable: " + cutFast + " of " + cut.size());
      assertTrue(errors.size() <= 5, "a few ERROR lines at most, not one per request: " + errors);

      ApiClient api = new ApiClient(port, KEY);
      for (int u = 0; u < USERS; u++) {
        assertKept(api, "hb-" + u, all, true);
        assertKept(api, "ev-" + u, all, false);
      }
    } finally {
      running = false;
      for (Thread client : clients) client.join(CLIENT_TIMEOUT.plusSeconds(5).toMillis());
      node.stop();
      proxy.close();
    }
  }

  /** The user's state holds at least every acknowledged write (and no more than were sent). */
  private static void assertKept(ApiClient api, String user, List<Outcome> all, boolean heartbeats) throws Exception {
    long acked = all.stream().filter(o -> o.user().equals(user) && o.acknowledged()).count();
    long sent = all.stream().filter(o -> o.user().equals(user)).count();
    JsonNode view = Eventually.value(Duration.ofSeconds(30), () -> {
      ApiClient.Reply reply = api.get("/v1/users/" + user);
      assertEquals(200, reply.status(), reply.raw().body());
      return reply.body();
    });
    long kept = heartbeats
        ? view.path("heartbeatCount").asLong()
        : view.path("lifetimeValue").path("EUR").asLong();
    assertTrue(kept >= acked && kept <= sent,
        user + ": " + acked + " acknowledged, " + sent + " sent, " + kept + " in the state");
  }

  private long acknowledged(Phase in) {
    return outcomes.stream().filter(o -> o.phase() == in && o.acknowledged()).count();
  }

  private void load(int port, boolean heartbeats, AtomicInteger sequence) {
    while (running) {
      int n = sequence.incrementAndGet();
      String user = (heartbeats ? "hb-" : "ev-") + (n % USERS);
      String body = heartbeats
          ? "{\"userId\":\"" + user + "\"}"
          : "{\"events\":[{\"userId\":\"" + user + "\",\"type\":\"purchase\",\"amount\":1,\"currency\":\"EUR\","
              + "\"at\":\"" + Instant.now() + "\",\"id\":\"purchase-" + n + "\"}]}";
      Phase started = phase;
      long start = System.nanoTime();
      outcomes.add(send(port, heartbeats ? "/v1/heartbeat" : "/v1/events", body, heartbeats, user, started, start));
      try {
        Thread.sleep(PACE_MILLIS); // a steady load, not a busy loop on fast 503s
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static Outcome send(
      int port, String path, String body, boolean heartbeat, String user, Phase started, long start) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(CLIENT_TIMEOUT)
        .header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = reply.body().isEmpty() ? null : MAPPER.readTree(reply.body());
      String type = json == null ? "" : json.path("type").asText("");
      String code = type.isEmpty() ? null : type.substring(type.lastIndexOf('/') + 1);
      boolean acked = reply.statusCode() == 200 && (heartbeat || json.path("accepted").asInt() == 1);
      return new Outcome(heartbeat, user, started, start, reply.statusCode(), code,
          reply.headers().firstValue("Retry-After").orElse(null), acked);
    } catch (Exception e) {
      return new Outcome(heartbeat, user, started, start, -1, e.getClass().getSimpleName(), null, false);
    }
  }

  private static int portOf(String jdbcUrl) {
    Matcher m = Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
    if (!m.find()) throw new IllegalArgumentException(jdbcUrl);
    return Integer.parseInt(m.group(1));
  }
}
