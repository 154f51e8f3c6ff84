package io.limbic.cluster.owasp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.cluster.owasp.OwaspCases.Case;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.OpenApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OWASP API4 (unrestricted resource consumption), sizes: every body array that openapi.json bounds with
 * {@code maxItems} is refused one item over it (413 for a batch, 400 for a list field), with nothing written; pages
 * are capped (activity lists 100 users however many are active; the audit log's {@code limit} beyond 500 is a 400).
 * Bodies over their byte limits are {@code RequestSizeLimitsH2IT} and FuzzIT; rates are {@link OwaspRateLimitIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspResourceConsumptionIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  OwaspNode owasp;

  @BeforeAll
  void start() throws Exception {
    owasp = OwaspNode.start(Map.of());
  }

  @AfterAll
  void stop() {
    if (owasp != null) owasp.close();
  }

  @Test
  void everyBoundedArrayIsRefusedOneItemOver() throws Exception {
    OwaspCases.Target acme = new OwaspCases.Target("acme", "acme-user", "acme-other", "acme-session", "acme-seg",
        "acme-sched", "acme-policy", "j", "pk", OwaspNode.ACME_PUBLISHABLE, "key-0000000000000000");
    Map<String, Long> before = owasp.settledRowCounts();
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (OpenApi.Operation op : OwaspCases.operations()) {
      JsonNode schema = resolve(op.node().at("/requestBody/content/application~1json/schema"));
      if (schema.isMissingNode()) continue;
      for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        int max = property.getValue().path("maxItems").asInt(0);
        if (max == 0) continue;
        Case valid = OwaspCases.of(op, acme);
        ObjectNode body = (ObjectNode) JSON.readTree(valid.body());
        JsonNode item = body.path(property.getKey()).path(0);
        if (item.isMissingNode()) item = JSON.getNodeFactory().textNode("https://app.acme.example");
        ArrayNode over = body.putArray(property.getKey());
        for (int i = 0; i <= max; i++) over.add(item);
        Reply reply = owasp.send(new Case(op, valid.path(), body.toString()), OwaspNode.ACME_ROOT);
        sent++;
        if (!Set.of(400, 413).contains(reply.status()) || !OwaspNode.isProblem(reply)) {
          wrong.add(op + " with " + (max + 1) + " " + property.getKey() + " -> " + reply.status() + " "
              + OwaspNode.clip(reply.raw().body()));
        }
      }
    }
    assertTrue(sent >= 5, "bounded arrays: " + sent);
    assertEquals(List.of(), wrong, "arrays over their maxItems");
    assertEquals(before, owasp.rowCounts(), "rows per table after the refused requests (audit log aside)");
  }

  @Test
  void pagesAreCapped() throws Exception {
    StringBuilder batch = new StringBuilder("{\"heartbeats\":[");
    for (int i = 0; i < 120; i++) {
      if (i > 0) batch.append(',');
      batch.append(OwaspCases.heartbeat("page-user-" + i, "page-session-" + i));
    }
    Reply sent = owasp.as(OwaspNode.ACME_ALL).post("/v1/heartbeats", batch.append("]}").toString());
    assertEquals(120, sent.body().path("accepted").asInt(), sent.raw().body());
    Eventually.within(Duration.ofSeconds(60), () -> {
      Reply activity = owasp.as(OwaspNode.ACME_ALL).get("/v1/activity?activeWithin=PT1H");
      assertEquals(120, activity.body().path("count").asInt(), activity.raw().body());
      assertEquals(100, activity.body().path("users").size(), "users listed");
    });
    for (String limit : List.of("501", "100000", "0", "-1", "99999999999999999999")) {
      Reply audit = owasp.as(OwaspNode.ACME_ALL).get("/v1/audit?limit=" + limit);
      assertEquals(400, audit.status(), limit + ": " + audit.raw().body());
      assertTrue(OwaspNode.isProblem(audit), audit.raw().body());
    }
    assertEquals(200, owasp.as(OwaspNode.ACME_ALL).get("/v1/audit?limit=500").status());
  }

  private static JsonNode resolve(JsonNode schema) {
    return schema.has("$ref") ? OpenApi.get().spec().at(schema.get("$ref").asText().substring(1)) : schema;
  }
}
