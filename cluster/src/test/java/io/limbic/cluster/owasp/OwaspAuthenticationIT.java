package io.limbic.cluster.owasp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.limbic.cluster.owasp.OwaspCases.Case;
import io.limbic.cluster.owasp.OwaspCases.Target;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.OpenApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OWASP API2 (broken authentication) on every operation of openapi.json that takes a secret key, user token or
 * dashboard session: no credential, a garbled one, an unknown or revoked key, another scheme, a forged dashboard
 * cookie, and user tokens that are expired, unsigned (alg none), signed with another tenant's key or claiming
 * another tenant. Each is 401 problem+json that never echoes what was sent; the capture routes (key in the body,
 * Segment's Basic write key) refuse unknown keys the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspAuthenticationIT {
  /** Anonymous callers may hold the acknowledgement link's own token instead: without one they are refused. */
  private static final Map<String, Set<Integer>> OTHERWISE = Map.of("POST /v1/incidents/{id}/ack", Set.of(401, 403));

  OwaspNode owasp;
  String revoked;

  @BeforeAll
  void start() throws Exception {
    owasp = OwaspNode.start(Map.of());
    Reply created = owasp.as(OwaspNode.ACME_ROOT).post("/v1/tenants/acme/keys", "{\"roles\":[\"ingest\",\"read\"]}");
    OwaspNode.ok(created);
    revoked = created.body().get("key").asText();
    OwaspNode.ok(owasp.as(OwaspNode.ACME_ROOT).send("DELETE", "/v1/tenants/acme/keys/" + created.body().get("name")
        .asText(), null));
    Eventually.within(Duration.ofSeconds(60), () -> assertEquals(401,
        owasp.as(revoked).post("/v1/heartbeat", OwaspCases.heartbeat("u1", "s1")).status()));
  }

  @AfterAll
  void stop() {
    if (owasp != null) owasp.close();
  }

  /** Label to the Authorization header sent (null: none; "Cookie:" values go as a cookie). */
  private Map<String, String> credentials() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    Instant now = Instant.now();
    out.put("no Authorization", null);
    out.put("empty Bearer", "Bearer ");
    out.put("garbled Bearer", "Bearer !!not*a*key!!");
    out.put("unknown key", "Bearer lk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH");
    out.put("revoked key", "Bearer " + revoked);
    out.put("key under Basic", "Basic " + Base64.getEncoder().encodeToString((OwaspNode.ACME_ALL + ":")
        .getBytes(StandardCharsets.UTF_8)));
    out.put("key without a scheme", OwaspNode.ACME_ALL);
    out.put("expired token", "Bearer " + signed(claims("acme", "acme", now.minusSeconds(3600)), OwaspNode.ACME_SECRET));
    out.put("alg none token", "Bearer " + new PlainJWT(claims("acme", "acme", now.plusSeconds(600))).serialize());
    out.put("token of acme signed with globex's key",
        "Bearer " + signed(claims("acme", "acme", now.plusSeconds(600)), OwaspNode.GLOBEX_SECRET));
    out.put("token claiming globex signed with acme's key",
        "Bearer " + signed(claims("globex", "globex", now.plusSeconds(600)), OwaspNode.ACME_SECRET));
    out.put("token claiming globex with acme as issuer",
        "Bearer " + signed(claims("acme", "globex", now.plusSeconds(600)), OwaspNode.ACME_SECRET));
    out.put("forged dashboard cookie", "Cookie:limbic_dashboard=" + signed(claims("limbic-dashboard", "acme",
        now.plusSeconds(600)), OwaspNode.ACME_SECRET));
    return out;
  }

  private static JWTClaimsSet claims(String issuer, String tenant, Instant expires) {
    return new JWTClaimsSet.Builder().issuer(issuer).audience("limbic").subject("acme-user").claim("tenant", tenant)
        .issueTime(Date.from(expires.minusSeconds(600))).expirationTime(Date.from(expires)).build();
  }

  private static String signed(JWTClaimsSet claims, byte[] secret) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  @Test
  void everyAuthenticatedOperationRefusesBadCredentialsWith401() throws Exception {
    Target target = new Target("acme", "acme-user", "acme-other", "acme-session", "acme-seg", "acme-sched",
        "acme-policy", "00000000-0000-0000-0000-000000000000", "pk-none", OwaspNode.ACME_PUBLISHABLE, "key-0000000000000000");
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (OpenApi.Operation op : OwaspCases.operations()) {
      if (!OwaspCases.takesBearer(op)) continue;
      Case c = OwaspCases.of(op, target);
      for (Map.Entry<String, String> credential : credentials().entrySet()) {
        String value = credential.getValue();
        Reply reply = value == null ? owasp.send(c, null)
            : value.startsWith("Cookie:") ? owasp.send(c, null, "Cookie", value.substring(7))
            : owasp.send(c, null, "Authorization", value);
        sent++;
        Set<Integer> expected = OTHERWISE.getOrDefault(op.toString(), Set.of(401));
        String echoed = value == null ? null : value.replaceFirst("^(Bearer |Basic |Cookie:limbic_dashboard=)", "");
        boolean fine = expected.contains(reply.status()) && OwaspNode.isProblem(reply)
            && (echoed == null || echoed.length() < 8 || !reply.raw().body().contains(echoed));
        if (!fine) wrong.add(c + " with " + credential.getKey() + " -> " + reply.status() + " "
            + OwaspNode.clip(reply.raw().body()));
      }
    }
    assertTrue(sent > 500, "requests sent: " + sent);
    assertEquals(List.of(), wrong, "bad credentials not refused with a 401 problem");
  }

  @Test
  void captureRoutesRefuseUnknownPublishableAndWriteKeys() throws Exception {
    Target unknown = new Target("acme", "acme-user", "acme-other", "acme-session", "", "", "", "", "",
        "phc_unknown0123456789abcdef", "");
    List<String> wrong = new ArrayList<>();
    for (OpenApi.Operation op : OwaspCases.operations()) {
      if (!OwaspCases.role(op).startsWith("publishable key")) continue;
      Case c = OwaspCases.of(op, unknown);
      List<Reply> replies = new ArrayList<>();
      if (op.template().startsWith("/segment/")) {
        for (String key : List.of(unknown.publishableKey(), OwaspNode.ACME_ALL, "")) {
          replies.add(owasp.send(c, null, "Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (key + ":").getBytes(StandardCharsets.UTF_8))));
        }
        replies.add(owasp.send(c, null));
      } else {
        replies.add(owasp.send(c, null));
        replies.add(owasp.send(new Case(op, c.path(), c.body().replace(unknown.publishableKey(), OwaspNode.ACME_ALL)),
            null));
      }
      for (Reply reply : replies) {
        if (reply.status() != 401 || !OwaspNode.isProblem(reply) || reply.raw().body().contains(OwaspNode.ACME_ALL)
            || reply.raw().body().contains(unknown.publishableKey())) {
          wrong.add(c + " -> " + reply.status() + " " + OwaspNode.clip(reply.raw().body()));
        }
      }
    }
    assertEquals(List.of(), wrong, "capture requests with unknown keys");
  }
}
