package io.limbic.cluster.owasp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.LimbicNode;
import io.limbic.cluster.owasp.OwaspCases.Case;
import io.limbic.cluster.owasp.OwaspCases.Target;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One node on H2 with two tenants, acme and globex, each with seeded objects (users, a session, a profile, a
 * segment, a schedule, a plan policy, a finished job, a publishable key, a created secret key, thresholds, an
 * escalation policy and notification channels), and keys of every role for acme.
 */
final class OwaspNode implements AutoCloseable {
  static final String ACME_ALL = "acme-owasp-all-0123456789abcdef";
  static final String ACME_INGEST = "acme-owasp-ingest-0123456789abcdef";
  static final String ACME_READ = "acme-owasp-read-0123456789abcdef";
  static final String ACME_ADMIN = "acme-owasp-admin-0123456789abcdef";
  static final String ACME_OPERATOR = "acme-owasp-operator-0123456789abcdef";
  static final String ACME_ROOT = "acme-owasp-root-0123456789abcdef";
  static final String GLOBEX_ALL = "globex-owasp-all-0123456789abcdef";
  static final String ACME_PUBLISHABLE = "phc_acmeowasp0123456789abcdef";
  static final String GLOBEX_PUBLISHABLE = "phc_globexowasp0123456789abcdef";
  static final byte[] ACME_SECRET = "acme-owasp-hs256-secret-32-bytes-long!".getBytes(StandardCharsets.UTF_8);
  static final byte[] GLOBEX_SECRET = "globex-owasp-hs256-secret-32-bytes-long".getBytes(StandardCharsets.UTF_8);
  static final List<String> SECRET_KEYS =
      List.of(ACME_ALL, ACME_INGEST, ACME_READ, ACME_ADMIN, ACME_OPERATOR, ACME_ROOT, GLOBEX_ALL);
  /** Tables whose rows a refused request may still add: the audit log records every admin attempt. */
  static final Set<String> AUDIT_TABLES = Set.of("audit_log");

  final TestDatabase db;
  final LimbicNode node;
  Target acme;
  Target globex;

  private static final Duration QUIET = Duration.ofSeconds(10);

  private OwaspNode(TestDatabase db, LimbicNode node) {
    this.db = db;
    this.node = node;
  }

  static OwaspNode start(Map<String, Object> extra) throws Exception {
    TestDatabase db = TestDatabase.h2();
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.api-keys", String.join(", ",
        "acme:" + ACME_ALL + ":ingest+read+admin", "acme:" + ACME_INGEST + ":ingest", "acme:" + ACME_READ + ":read",
        "acme:" + ACME_ADMIN + ":admin", "acme:" + ACME_OPERATOR + ":operator",
        "acme:" + ACME_ROOT + ":ingest+read+admin+operator", "globex:" + GLOBEX_ALL + ":ingest+read+admin"));
    settings.put("limbic.publishable-keys", "acme:" + ACME_PUBLISHABLE + ",globex:" + GLOBEX_PUBLISHABLE);
    settings.put("limbic.user-tokens.keys", "acme:hs256:" + Base64.getEncoder().encodeToString(ACME_SECRET)
        + ",globex:hs256:" + Base64.getEncoder().encodeToString(GLOBEX_SECRET));
    // No idle phase may start during a run: the seeded objects must read back as they were written.
    settings.put("limbic.idle.phases", "100h,200h,300h");
    settings.putAll(extra);
    return new OwaspNode(db, TestNode.start(db, settings));
  }

  /** Seeds both tenants (skip it for a node that only needs keys). */
  OwaspNode seeded() throws Exception {
    acme = seed("acme", ACME_ALL, ACME_PUBLISHABLE);
    globex = seed("globex", GLOBEX_ALL, GLOBEX_PUBLISHABLE);
    // Each seeded session's first emotion comes with its tick, seconds after its telemetry was acknowledged; the
    // rows it leads to (readings, KPI facts, the event chain) must be in before any comparison's "before".
    Eventually.within(Duration.ofSeconds(60), () -> assertEquals(4L,
        db.count("SELECT COUNT(*) FROM emotion_readings"), "one emotion per seeded session"));
    return this;
  }

  ApiClient as(String key) {
    return new ApiClient(node.httpPort(), key);
  }

  /** A request of a case with these headers (name, value, ...) and no key unless a header carries one. */
  Reply send(Case c, String key, String... headers) throws Exception {
    List<String> all = new ArrayList<>(List.of(headers));
    if (c.path().startsWith("/dashboard/session")) all.addAll(List.of("X-Limbic-Dashboard", "1"));
    return as(key).send(c.method(), c.path(), c.body(), all.toArray(String[]::new));
  }

  private Target seed(String tenant, String key, String publishable) throws Exception {
    ApiClient api = as(key);
    String user = tenant + "-user";
    String other = tenant + "-other";
    String session = tenant + "-session";
    Eventually.within(Duration.ofSeconds(60),
        () -> assertEquals(200, api.post("/v1/heartbeat", OwaspCases.heartbeat(user, session)).status()));
    ok(api.post("/v1/heartbeat", OwaspCases.heartbeat(other, tenant + "-other-session")));
    ok(api.post("/v1/sessions/" + tenant + "-other-session/telemetry", "{\"userId\":\"" + other + "\",\"samples\":"
        + "[{\"t\":1000,\"type\":\"move\",\"x\":1,\"y\":1}]}"));
    ok(api.post("/v1/sessions/" + session + "/telemetry", "{\"userId\":\"" + user + "\",\"samples\":[{\"t\":1000,"
        + "\"type\":\"move\",\"x\":1,\"y\":1}]}"));
    ok(api.put("/v1/users/" + user + "/profile", OwaspCases.PROFILE));
    ok(api.put("/v1/users/" + other + "/profile", OwaspCases.PROFILE));
    ok(api.put("/v1/config/signals", "{\"rageMinClicks\":" + (tenant.equals("acme") ? 4 : 6) + "}"));
    ok(api.put("/v1/segments/" + tenant + "-seg", OwaspCases.SEGMENT));
    ok(api.put("/v1/schedules/" + tenant + "-sched", OwaspCases.SCHEDULE));
    ok(api.put("/v1/models/policies/" + tenant + "-policy", OwaspCases.PLANS));
    ok(api.put("/v1/escalation/policy", OwaspCases.POLICY));
    ok(api.put("/v1/agents/notifications/channels", OwaspCases.CHANNELS));
    Reply job = api.post("/v1/jobs", "{\"kind\":\"roi_report\",\"request\":{\"days\":7}}");
    ok(job);
    String jobId = job.body().get("id").asText();
    Eventually.within(Duration.ofSeconds(60), () -> assertTrue(
        Set.of("done", "succeeded", "failed", "cancelled").contains(api.get("/v1/jobs/" + jobId).body()
            .path("state").asText()), api.get("/v1/jobs/" + jobId).raw().body()));
    Reply created = api.post("/v1/publishable-keys", "{\"origins\":[\"https://app." + tenant + ".example\"]}");
    ok(created);
    Reply secret = as(ACME_ROOT).post("/v1/tenants/" + tenant + "/keys", "{\"roles\":[\"read\"]}");
    ok(secret);
    return new Target(tenant, user, other, session, tenant + "-seg", tenant + "-sched", tenant + "-policy", jobId,
        created.body().get("id").asText(), publishable, secret.body().get("name").asText());
  }

  /** What a tenant's own keys read of its seeded objects, to compare before and after an attack. */
  Map<String, String> snapshot(Target t, String key) throws Exception {
    List<String> paths = List.of("/v1/users/" + t.user(), "/v1/users/" + t.user() + "/profile",
        "/v1/users/" + t.other() + "/profile", "/v1/sessions/" + t.session(), "/v1/config/signals",
        "/v1/segments/" + t.segment(), "/v1/schedules", "/v1/models/policies/" + t.policy(), "/v1/jobs/" + t.job(),
        "/v1/jobs", "/v1/publishable-keys", "/v1/escalation/policy", "/v1/agents/notifications/channels",
        "/v1/interventions/config", "/v1/segments");
    Map<String, String> views = new LinkedHashMap<>();
    for (String path : paths) {
      Reply reply = as(key).get(path);
      views.put(path, reply.status() + " " + withoutClocks(reply.raw().body()));
    }
    Reply keys = as(ACME_ROOT).get("/v1/tenants/" + t.tenant() + "/keys");
    views.put("keys of " + t.tenant(), keys.status() + " " + keys.raw().body());
    return views;
  }

  /** Fields that move with the clock alone (a job's age, a projection's lag) are left out of a comparison. */
  private static String withoutClocks(String body) {
    return body.replaceAll("\"(ageMs|lagMs|now|asOf)\":[^,}]*", "\"$1\":_");
  }

  /**
   * Rows per table once they have stayed the same for {@link #QUIET} (projections, and the seeded sessions' ticks,
   * may still be writing what the seeds caused; two reads in a row agreeing was not enough).
   */
  Map<String, Long> settledRowCounts() throws Exception {
    List<Map<String, Long>> last = new ArrayList<>(List.of(rowCounts()));
    long[] since = {System.nanoTime()};
    Eventually.within(Duration.ofSeconds(120), () -> {
      Map<String, Long> now = rowCounts();
      if (!now.equals(last.set(0, now))) since[0] = System.nanoTime();
      assertTrue(System.nanoTime() - since[0] >= QUIET.toNanos(), "rows still changing");
    });
    return last.get(0);
  }

  /** Rows per table, journal included, audit tables left out. */
  Map<String, Long> rowCounts() throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = db.connect()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema != null && schema.equalsIgnoreCase("INFORMATION_SCHEMA")) continue;
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        if (AUDIT_TABLES.contains(table.toLowerCase(Locale.ROOT))) continue;
        counts.put(table, db.count("SELECT COUNT(*) FROM \"" + table + "\""));
      }
    }
    return counts;
  }

  static void ok(Reply reply) {
    assertTrue(reply.status() >= 200 && reply.status() < 300, reply.status() + " " + reply.raw().body());
  }

  static boolean isProblem(Reply reply) {
    String type = reply.contentType();
    return type != null && type.startsWith("application/problem+json") && reply.body() != null
        && reply.body().path("status").asInt() == reply.status() && reply.body().path("type").isTextual();
  }

  static String clip(String text) {
    return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  @Override
  public void close() {
    node.stop();
  }
}
