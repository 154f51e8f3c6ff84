package io.limbic.cluster.owasp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.owasp.OwaspCases.Case;
import io.limbic.cluster.owasp.OwaspCases.Target;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.OpenApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OWASP API4 (unrestricted resource consumption), rate limits: on a node where each key may send one request (and
 * then one every ~3 hours), every operation that documents the shared 429 answers it, as problem+json with a
 * whole-seconds {@code Retry-After}, to a key that has spent its request, whatever the route and its roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspRateLimitIT {
  private static final String TOO_MANY = "#/components/responses/TooManyRequests";

  OwaspNode owasp;

  @BeforeAll
  void start() throws Exception {
    owasp = OwaspNode.start(Map.of("limbic.rate-limit.key-per-second", "0.0001", "limbic.rate-limit.key-burst", "1"));
  }

  @AfterAll
  void stop() {
    if (owasp != null) owasp.close();
  }

  @Test
  void everyRateLimitedOperationAnswers429WithRetryAfterOnceTheBudgetIsSpent() throws Exception {
    Target target = new Target("acme", "acme-user", "acme-other", "acme-session", "acme-seg", "acme-sched",
        "acme-policy", "00000000-0000-0000-0000-000000000000", "pk-none", OwaspNode.ACME_PUBLISHABLE,
        "key-0000000000000000");
    String segmentAuth = "Basic " + Base64.getEncoder().encodeToString((OwaspNode.ACME_PUBLISHABLE + ":")
        .getBytes(StandardCharsets.UTF_8));
    // Spend each credential's one request.
    assertEquals(200, owasp.as(OwaspNode.ACME_ROOT).get("/v1/config/signals").status());
    Reply first = owasp.as(null).send("POST", "/segment/v1/track",
        "{\"userId\":\"acme-user\",\"event\":\"Viewed\",\"messageId\":\"m-0\"}", "Authorization", segmentAuth);
    assertTrue(first.status() < 300, first.status() + " " + first.raw().body());

    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (OpenApi.Operation op : OwaspCases.operations()) {
      if (!op.node().path("responses").path("429").path("$ref").asText().equals(TOO_MANY)) continue;
      if (op.template().startsWith("/dashboard")) continue;
      Case c = OwaspCases.of(op, target);
      Reply reply = op.template().startsWith("/segment/") ? owasp.send(c, null, "Authorization", segmentAuth)
          : OwaspCases.takesBearer(op) ? owasp.send(c, OwaspNode.ACME_ROOT)
          : owasp.send(c, null);
      sent++;
      String retryAfter = reply.header("Retry-After");
      boolean fine = reply.status() == 429 && OwaspNode.isProblem(reply)
          && reply.body().path("type").asText().endsWith("rate_limited")
          && retryAfter != null && retryAfter.matches("[1-9][0-9]*");
      if (!fine) wrong.add(c + " -> " + reply.status() + " Retry-After " + retryAfter + " "
          + OwaspNode.clip(reply.raw().body()));
    }
    assertTrue(sent >= 90, "rate-limited operations: " + sent);
    assertEquals(List.of(), wrong, "requests over the budget not answered 429 with Retry-After");
  }
}
