package io.limbic.cluster.owasp;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.OpenApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A concrete request for every operation of {@code openapi.json}: its path filled from the ids of one tenant's
 * seeded objects ({@link Target}) and, where it takes one, a valid body. An operation this class cannot fill (a new
 * path parameter, a new body) makes {@link #missing()} non-empty, and every Owasp test fails on it, so a new route
 * is covered or named here.
 */
final class OwaspCases {
  private OwaspCases() {}

  /** The ids of one tenant's seeded objects that a request names. */
  record Target(String tenant, String user, String other, String session, String segment, String schedule,
      String policy, String job, String publishableId, String publishableKey, String keyName) {}

  /** One request of one operation. */
  record Case(OpenApi.Operation op, String path, String body) {
    String method() {
      return op.method();
    }

    @Override
    public String toString() {
      return op + " as " + op.method() + " " + path;
    }
  }

  static List<OpenApi.Operation> operations() {
    return OpenApi.get().operations();
  }

  /** The role openapi.json says an operation needs, lower case ("" for a public route). */
  static String role(OpenApi.Operation op) {
    return op.node().path("x-limbic-role").asText("").toLowerCase(Locale.ROOT);
  }

  /** Whether a request of this operation carries a secret key, user token or dashboard session (not public). */
  static boolean takesBearer(OpenApi.Operation op) {
    JsonNode security = op.node().get("security");
    if (security == null) return true;
    for (JsonNode alternative : security) if (alternative.has("apiKey")) return true;
    return false;
  }

  static List<String> pathParameters(OpenApi.Operation op) {
    List<String> names = new ArrayList<>();
    for (String segment : op.template().split("/")) {
      if (segment.startsWith("{")) names.add(segment.substring(1, segment.length() - 1));
    }
    return names;
  }

  static List<String> queryParameters(OpenApi.Operation op) {
    List<String> names = new ArrayList<>();
    for (JsonNode p : op.node().path("parameters")) if (p.path("in").asText().equals("query")) names.add(p.path("name").asText());
    return names;
  }

  /** Operations that take a body this class has none for, and path parameters it cannot fill. */
  static List<String> missing() {
    Target any = new Target("t", "u", "o", "s", "g", "c", "p", "j", "k", "phc_k", "key-0");
    List<String> out = new ArrayList<>();
    for (OpenApi.Operation op : operations()) {
      if (op.node().has("requestBody") && !BODIES.containsKey(op.toString())) out.add(op + ": no body");
      for (String name : pathParameters(op)) {
        if (value(op, name, any) == null) out.add(op + ": no value for {" + name + "}");
      }
    }
    return out;
  }

  static Case of(OpenApi.Operation op, Target target) {
    return of(op, target, Map.of());
  }

  /** The case with some path parameters given as raw (already encoded) values instead of the target's. */
  static Case of(OpenApi.Operation op, Target target, Map<String, String> rawParameters) {
    StringBuilder path = new StringBuilder();
    for (String segment : op.template().split("/", -1)) {
      if (segment.isEmpty()) continue;
      path.append('/');
      if (segment.startsWith("{")) {
        String name = segment.substring(1, segment.length() - 1);
        path.append(rawParameters.getOrDefault(name, value(op, name, target)));
      } else {
        path.append(segment);
      }
    }
    if (op.template().endsWith("/")) path.append('/');
    Function<Target, String> body = BODIES.get(op.toString());
    return new Case(op, path.toString(), body == null ? null : body.apply(target));
  }

  private static String value(OpenApi.Operation op, String name, Target t) {
    String template = op.template();
    return switch (name) {
      case "userId" -> t.user();
      case "sessionId" -> t.session();
      case "matchId" -> t.user() + "~" + t.other() + "~2026-01-01";
      case "tenant" -> t.tenant();
      case "file" -> template.startsWith("/sdk") ? "limbic.js" : "index.html";
      case "token" -> t.publishableKey();
      case "kid" -> "tk-owasp-" + t.tenant();
      case "name" -> template.startsWith("/v1/segments") ? t.segment()
          : template.startsWith("/v1/schedules") ? t.schedule()
          : template.startsWith("/v1/models/policies") ? t.policy()
          : template.startsWith("/v1/agents") ? "notifications"
          : template.startsWith("/v1/projections") ? "user-activity"
          : template.startsWith("/v1/tenants") ? t.keyName() : null;
      case "id" -> template.startsWith("/v1/jobs") ? t.job()
          : template.startsWith("/v1/publishable-keys") ? t.publishableId()
          : template.startsWith("/v1/dead-letters") ? "1"
          : template.startsWith("/v1/interventions") ? t.tenant() + "-intervention"
          : template.startsWith("/v1/incidents") ? t.tenant() + "-incident" : null;
      default -> null;
    };
  }

  /** A P-256 public key in PEM, for registering a token-verification key. */
  private static final String TOKEN_KEY_PEM = tokenKeyPem();

  private static String tokenKeyPem() {
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
      generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      byte[] der = generator.generateKeyPair().getPublic().getEncoded();
      return "-----BEGIN PUBLIC KEY-----\n"
          + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(der)
          + "\n-----END PUBLIC KEY-----\n";
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String heartbeat(String user, String session) {
    return "{\"userId\":\"" + user + "\",\"sessionId\":\"" + session + "\",\"at\":\"" + Instant.now() + "\"}";
  }

  static final String PROFILE = "{\"birthYear\":1990,\"gender\":\"woman\",\"seeking\":[\"man\"],"
      + "\"location\":{\"lat\":52.1,\"lon\":4.3},\"interests\":[\"jazz\"],\"languages\":[\"nl\"],\"about\":\"walks\"}";
  static final String MODEL = "{\"type\":\"state_space\",\"states\":1,\"kpis\":[\"revenue\"],"
      + "\"controls\":[\"campaign_sent\"]}";
  static final String PLANS = "{\"plans\":[{\"id\":\"a\",\"inputs\":[[1,0],[0,0]]},{\"id\":\"b\",\"inputs\":[[0,1]]}],"
      + "\"noise\":1}";
  static final String SEGMENT = "{\"filter\":{\"all\":[{\"trait\":\"ltv\",\"gte\":100}]},\"controls\":[\"campaign_sent\"]}";
  static final String SCHEDULE = "{\"cron\":\"0 3 * * *\",\"kind\":\"roi_report\",\"request\":{\"days\":7}}";
  static final String POLICY = "{\"trigger\":{\"minConfidence\":0.9},\"escalateAfter\":\"PT10M\",\"contacts\":"
      + "[{\"name\":\"Ann\",\"channels\":[{\"type\":\"webhook\",\"url\":\"https://hooks.example.com/ann\"}]}]}";
  static final String CHANNELS = "{\"channels\":[{\"type\":\"slack\",\"url\":\"https://hooks.example.com/T1\"}]}";
  static final String INTERVENTIONS = "{\"contexts\":[{\"id\":\"rage\",\"emotion\":\"rage\",\"minLifetimeValue\":1000,"
      + "\"variants\":[{\"id\":\"offer\",\"channel\":\"in-page\",\"payload\":{\"message\":\"sorry\"},\"cost\":5}]}]}";

  private static String modelRequest(Target t) {
    return "{\"segment\":\"all\",\"model\":" + MODEL + ",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-03-01T00:00:00Z\"}";
  }

  private static String posthog(Target t) {
    return "{\"api_key\":\"" + t.publishableKey() + "\",\"event\":\"$pageview\",\"distinct_id\":\"" + t.user()
        + "\",\"properties\":{\"$session_id\":\"" + t.session() + "\"}}";
  }

  private static String segmentCall(Target t) {
    return "{\"userId\":\"" + t.user() + "\",\"event\":\"Viewed\",\"messageId\":\"m-" + t.user() + "\"}";
  }

  /** A valid body per operation (keyed "METHOD template"); most for the target's own objects. */
  static final Map<String, Function<Target, String>> BODIES = bodies();

  private static Map<String, Function<Target, String>> bodies() {
    Map<String, Function<Target, String>> b = new LinkedHashMap<>();
    b.put("POST /v1/heartbeat", t -> heartbeat(t.user(), t.session()));
    b.put("POST /v1/heartbeats", t -> "{\"heartbeats\":[" + heartbeat(t.user(), t.session()) + "]}");
    b.put("POST /v1/heartbeat/validate", t -> heartbeat(t.user(), t.session()));
    b.put("POST /v1/sessions/{sessionId}/telemetry",
        t -> "{\"userId\":\"" + t.user() + "\",\"samples\":[{\"t\":" + System.currentTimeMillis()
            + ",\"type\":\"move\",\"x\":1,\"y\":1}]}");
    b.put("PUT /v1/config/signals", t -> "{\"rageMinClicks\":5}");
    b.put("POST /v1/identify", t -> "{\"sessionId\":\"" + t.session() + "\",\"userId\":\"" + t.user() + "\"}");
    b.put("POST /v1/events", t -> "{\"events\":[{\"userId\":\"" + t.user() + "\",\"type\":\"visit\",\"id\":\"e-"
        + t.user() + "\",\"at\":\"2026-01-01T10:00:00Z\"}]}");
    b.put("PUT /v1/users/{userId}/profile", t -> PROFILE);
    b.put("POST /v1/users/{userId}/token", t -> "{\"ttlSeconds\":60}");
    b.put("POST /v1/matches/{matchId}/action", t -> "{\"action\":\"like\"}");
    b.put("POST /v1/interactions", t -> "{\"interactions\":[{\"from\":\"" + t.user() + "\",\"to\":\"" + t.other()
        + "\",\"type\":\"view\",\"at\":\"2026-01-01T10:00:00Z\",\"id\":\"i-" + t.user() + "\"}]}");
    b.put("PUT /v1/agents/notifications/channels", t -> CHANNELS);
    b.put("PUT /v1/interventions/config", t -> INTERVENTIONS);
    b.put("POST /v1/interventions/{id}/feedback", t -> "{\"falsePositive\":true,\"note\":\"fast clicker\"}");
    b.put("PUT /v1/segments/{name}", t -> SEGMENT);
    b.put("PUT /v1/escalation/policy", t -> POLICY);
    b.put("POST /v1/jobs", t -> "{\"kind\":\"roi_report\",\"request\":{\"days\":7}}");
    b.put("PUT /v1/schedules/{name}", t -> SCHEDULE);
    b.put("POST /v1/models/estimate", OwaspCases::modelRequest);
    b.put("POST /v1/models/simulate", OwaspCases::modelRequest);
    b.put("POST /v1/models/recommend", OwaspCases::modelRequest);
    b.put("PUT /v1/models/policies/{name}", t -> PLANS);
    b.put("POST /v1/models/policies/{name}/choose", t -> "{\"seed\":1}");
    b.put("POST /v1/models/policies/{name}/rewards", t -> "{\"planId\":\"a\",\"reward\":1.5,\"id\":\"r-1\"}");
    b.put("POST /v1/publishable-keys", t -> "{\"origins\":[\"https://app." + t.tenant() + ".example\"]}");
    b.put("POST /v1/tenants/{tenant}/keys", t -> "{\"roles\":[\"ingest\"]}");
    b.put("POST /v1/tenants/{tenant}/keys/{name}/rotate", t -> "{\"graceSeconds\":0}");
    b.put("POST /v1/tenants/{tenant}/token-keys", t -> "{\"algorithm\":\"es256\",\"publicKey\":\""
        + TOKEN_KEY_PEM.replace("\n", "\\n") + "\"}");
    for (String path : List.of("/batch/", "/e/", "/i/v0/e/", "/capture/")) b.put("POST " + path, OwaspCases::posthog);
    for (String call : List.of("batch", "track", "identify", "page", "screen", "group", "alias")) {
      b.put("POST /segment/v1/" + call, call.equals("batch")
          ? t -> "{\"batch\":[" + segmentCall(t).replace("{", "{\"type\":\"track\",") + "]}"
          : OwaspCases::segmentCall);
    }
    b.put("POST /dashboard/session", t -> "{\"key\":\"not-a-key\"}");
    return b;
  }
}
