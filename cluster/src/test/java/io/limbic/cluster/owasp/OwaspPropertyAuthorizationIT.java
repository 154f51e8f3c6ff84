package io.limbic.cluster.owasp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.cluster.owasp.OwaspCases.Case;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.OpenApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OWASP API3 (broken object property level authorization, mass assignment) on every operation of openapi.json that
 * takes a JSON body: the valid body of acme plus properties its schema does not have (tenant, role, roles, id,
 * owner, userId, createdAt, revokedAt, key, ...) is refused (400) or served with them ignored: nothing of globex or
 * of acme's other user changes, a created key, publishable key or user token is acme's with what was asked, not what
 * was smuggled. No answer of any operation carries a secret key, its digest or a token-signing secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspPropertyAuthorizationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FORCED_KEY = "lk_forcedforcedforcedforcedforcedforcedforce";
  /** Field names that hold a secret, wherever they appear, except where an answer hands one out by design. */
  private static final Pattern SECRET_FIELD = Pattern.compile("(?i).*(password|hash|digest|secret|apikey).*");
  private static final Set<String> HANDS_OUT_SECRETS = Set.of("GET /v1/webhooks/signing-keys",
      // The description names its security schemes (apiKey), not keys.
      "GET /openapi.json");

  OwaspNode owasp;
  final List<String> answers = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    owasp = OwaspNode.start(Map.of()).seeded();
  }

  @AfterAll
  void stop() {
    if (owasp != null) owasp.close();
  }

  private Map<String, JsonNode> smuggled() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    out.put("tenant", JSON.getNodeFactory().textNode("globex"));
    out.put("tenantId", JSON.getNodeFactory().textNode("globex"));
    out.put("owner", JSON.getNodeFactory().textNode("globex"));
    out.put("role", JSON.getNodeFactory().textNode("operator"));
    out.put("roles", JSON.createArrayNode().add("operator"));
    out.put("admin", JSON.getNodeFactory().booleanNode(true));
    out.put("id", JSON.getNodeFactory().textNode("forced-id"));
    out.put("userId", JSON.getNodeFactory().textNode(owasp.acme.other()));
    out.put("sub", JSON.getNodeFactory().textNode(owasp.acme.other()));
    out.put("createdAt", JSON.getNodeFactory().textNode("2000-01-01T00:00:00Z"));
    out.put("revokedAt", JSON.getNodeFactory().nullNode());
    out.put("expiresAt", JSON.getNodeFactory().textNode("2999-01-01T00:00:00Z"));
    out.put("key", JSON.getNodeFactory().textNode(FORCED_KEY));
    out.put("name", JSON.getNodeFactory().textNode("key-0000000000000000"));
    return out;
  }

  @Test
  void smuggledPropertiesAreRefusedOrIgnored() throws Exception {
    Map<String, String> globexBefore = owasp.snapshot(owasp.globex, OwaspNode.GLOBEX_ALL);
    String otherProfile = owasp.as(OwaspNode.ACME_ALL).get("/v1/users/" + owasp.acme.other() + "/profile").raw().body();
    List<String> wrong = new ArrayList<>();
    Map<String, Reply> served = new LinkedHashMap<>();
    for (OpenApi.Operation op : OwaspCases.operations()) {
      JsonNode schema = op.node().at("/requestBody/content/application~1json/schema");
      if (schema.isMissingNode()) continue;
      Case plain = OwaspCases.of(op, owasp.acme);
      JsonNode body = JSON.readTree(plain.body());
      if (!body.isObject()) continue;
      Set<String> own = properties(schema);
      ObjectNode extended = ((ObjectNode) body).deepCopy();
      smuggled().forEach((name, value) -> {
        if (!own.contains(name) && !body.has(name)) extended.set(name, value);
      });
      Case c = new Case(op, plain.path(), extended.toString());
      Reply reply = owasp.send(c, op.template().startsWith("/segment/") ? null : OwaspNode.ACME_ROOT,
          op.template().startsWith("/segment/") ? segmentAuth() : new String[0]);
      answers.add(reply.raw().body());
      if (reply.status() >= 500 || (reply.status() >= 400 && !OwaspNode.isProblem(reply))) {
        wrong.add(c + " -> " + reply.status() + " " + OwaspNode.clip(reply.raw().body()));
      } else if (reply.status() < 300) {
        served.put(op.toString(), reply);
      }
    }
    assertEquals(List.of(), wrong, "bodies with smuggled properties");
    assertTrue(served.size() >= 20, "served with the smuggled properties ignored: " + served.keySet());

    Reply key = served.get("POST /v1/tenants/{tenant}/keys");
    if (key != null) {
      assertEquals("acme", key.body().path("tenant").asText(), key.raw().body());
      assertNotEquals(FORCED_KEY, key.body().path("key").asText());
      assertEquals("[\"ingest\"]", key.body().path("roles").toString(), key.raw().body());
      assertEquals(401, owasp.as(FORCED_KEY).get("/v1/config/signals").status(), "the smuggled key");
    }
    Reply rotated = served.get("POST /v1/tenants/{tenant}/keys/{name}/rotate");
    if (rotated != null) assertNotEquals(FORCED_KEY, rotated.body().path("key").asText());
    Reply publishable = served.get("POST /v1/publishable-keys");
    if (publishable != null) assertNotEquals(FORCED_KEY, publishable.body().path("key").asText());
    Reply token = served.get("POST /v1/users/{userId}/token");
    assertTrue(token != null, "the token route served the request");
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.body().get("token").asText().split("\\.")[1]));
    assertEquals("acme", claims.path("tenant").asText(), claims.toString());
    assertEquals(owasp.acme.user(), claims.path("sub").asText(), claims.toString());
    assertTrue(!claims.has("role") && !claims.has("roles"), claims.toString());

    assertEquals(globexBefore, owasp.snapshot(owasp.globex, OwaspNode.GLOBEX_ALL), "globex after acme's requests");
    assertEquals(otherProfile, owasp.as(OwaspNode.ACME_ALL).get("/v1/users/" + owasp.acme.other() + "/profile")
        .raw().body(), "acme's other user's profile");
  }

  @Test
  void noAnswerCarriesASecret() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    for (String key : OwaspNode.SECRET_KEYS) {
      secrets.add(key);
      secrets.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));
    }
    secrets.add(Base64.getEncoder().encodeToString(OwaspNode.ACME_SECRET));
    secrets.add(new String(OwaspNode.ACME_SECRET, StandardCharsets.UTF_8));
    secrets.add(new String(OwaspNode.GLOBEX_SECRET, StandardCharsets.UTF_8));
    for (OpenApi.Operation op : OwaspCases.operations()) {
      if (!op.method().equals("GET")) continue;
      // An event stream never ends: its frames are the forensics readings, with no credential in them.
      if (op.node().at("/responses/200/content").has("text/event-stream")) continue;
      Case c = OwaspCases.of(op, owasp.acme);
      Reply reply = owasp.send(c, OwaspNode.ACME_ROOT);
      String body = reply.raw().body();
      for (String secret : secrets) if (body.contains(secret)) leaks.add(c + " holds a secret key or digest");
      if (!HANDS_OUT_SECRETS.contains(op.toString()) && reply.body() != null && reply.body().isContainerNode()) {
        List<String> fields = new ArrayList<>();
        secretFields(reply.body(), fields);
        if (!fields.isEmpty()) leaks.add(c + " has fields " + fields);
      }
    }
    for (String body : answers) for (String secret : secrets) if (body.contains(secret)) leaks.add("a write's answer holds a secret");
    assertEquals(List.of(), leaks);
  }

  private static void secretFields(JsonNode node, List<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (SECRET_FIELD.matcher(field.getKey()).matches()) out.add(field.getKey());
        secretFields(field.getValue(), out);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) secretFields(item, out);
    }
  }

  private static String[] segmentAuth() {
    return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(
        (OwaspNode.ACME_PUBLISHABLE + ":").getBytes(StandardCharsets.UTF_8))};
  }

  /** The top-level property names of a body schema, following one {@code $ref}. */
  private static Set<String> properties(JsonNode schema) {
    JsonNode resolved = schema.has("$ref") ? OpenApi.get().spec().at(schema.get("$ref").asText().substring(1)) : schema;
    Set<String> names = new java.util.HashSet<>();
    resolved.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
