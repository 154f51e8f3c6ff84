package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ContractViolations;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.ProductEvents;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7, "revenue multiplied by retries": 40,000 events held for one anonymous id, handed over on identify, and
 * every request sent again. The node's hold is raised to 40,000 so that the whole reproducer is held.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VisitorHoldContract {
  static final String KEY = "acme-key-0123456789abcdef";
  static final int REQUESTS = 40;
  static final int PER_REQUEST = 1000;
  static final int CHUNK = 500;

  TestDatabase db;
  LimbicNode node;

  abstract String database();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of(database());
    node =
        TestNode.start(
            db,
            Map.of(
                "limbic.api-keys", "acme:" + KEY,
                "limbic.visitor.max-held-events", REQUESTS * PER_REQUEST,
                "limbic.visitor.handover-chunk", CHUNK));
  }

  /** Every response these tests receive is checked against openapi.json. */
  final ContractViolations openApi = new ContractViolations();

  @AfterEach
  void responsesMatchTheOpenApiDescription() {
    openApi.assertNone();
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  ApiClient api() {
    return new ApiClient(node.httpPort(), KEY).validating(openApi);
  }

  private void sendAll(String anonymous) throws Exception {
    for (int r = 0; r < REQUESTS; r++) {
      Reply reply = api().post("/v1/events", ProductEvents.anonymousPurchases(anonymous, "e" + r, 0, PER_REQUEST));
      assertEquals(200, reply.status(), reply.raw().body());
      assertEquals(PER_REQUEST, reply.body().get("accepted").asInt(), reply.raw().body());
    }
  }

  private BigDecimal euros(String user) throws Exception {
    JsonNode view = api().get("/v1/users/" + user).body();
    return view.get("lifetimeValue").get("EUR").decimalValue();
  }

  @Test
  void heldEventsCountOnceThroughIdentifyAndEveryRetry() throws Exception {
    String anonymous = "a-" + UUID.randomUUID();
    String user = "u-" + UUID.randomUUID();
    sendAll(anonymous);

    Reply identify = api().post("/v1/identify", ProductEvents.identify("s-" + UUID.randomUUID(), user, anonymous));
    assertEquals(200, identify.status(), identify.raw().body());
    // Every request again, while the hand-over may still run: forwarded to the user, recognised by id.
    sendAll(anonymous);

    BigDecimal total = new BigDecimal(REQUESTS * PER_REQUEST);
    Eventually.within(Duration.ofSeconds(30), () -> {
      BigDecimal now = euros(user);
      assertEquals(0, total.compareTo(now), "lifetime value " + now);
    });
    // Now every id is the user's: a third round is all duplicates, and nothing moves.
    for (int r = 0; r < REQUESTS; r++) {
      Reply again = api().post("/v1/events", ProductEvents.anonymousPurchases(anonymous, "e" + r, 0, PER_REQUEST));
      assertEquals(PER_REQUEST, again.body().get("duplicates").asInt(), again.raw().body());
    }
    assertEquals(0, total.compareTo(euros(user)));
    // Identified, at most one row per hand-over chunk and one per forwarded request: not one per product event.
    long rows = db.journalRows("User|acme/" + user);
    assertTrue(rows <= 1 + REQUESTS * PER_REQUEST / CHUNK + REQUESTS, "user journal rows: " + rows);
  }
}
