package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.testkit.Traces;
import io.limbic.cluster.testkit.WebhookReceiver;
import io.limbic.cluster.testkit.WebhookReceiver.Hit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: an incident outlives the node that held it. A node in its own JVM opens an incident and notifies contact
 * one; it is killed (SIGKILL) before contact two is due; a new node on the same database (and data directory, so
 * the same link secret) wakes the incident from the read model and notifies contact two.
 */
class EscalationNodeCrashIT {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void killingTheNodeThatHoldsTheIncidentDoesNotStopIt() throws Exception {
    Path dataDir = Files.createTempDirectory("limbic-crash-");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      int firstPort = TestNode.freePort();
      NodeProcess first = startNode(dataDir, firstPort);
      NodeProcess second = null;
      try {
        String key = Files.readString(dataDir.resolve("api-key")).trim();
        ApiClient api = new ApiClient(firstPort, key);
        ApiClient.Reply policy = api.put("/v1/escalation/policy", "{\"trigger\":{\"minConfidence\":0.0},"
            + "\"escalateAfter\":\"PT10S\",\"contacts\":[{\"name\":\"Ann\",\"channels\":[{\"type\":\"webhook\",\"url\":\""
            + receiver.url("/crash/c1") + "\"}]},{\"name\":\"Bob\",\"channels\":[{\"type\":\"webhook\",\"url\":\""
            + receiver.url("/crash/c2") + "\"}]}]}");
        assertEquals(200, policy.status(), policy.raw().body());
        ApiClient.Reply value = api.post("/v1/events", "{\"events\":[{\"userId\":\"vip\",\"type\":\"purchase\","
            + "\"amount\":100000,\"currency\":\"USD\",\"id\":\"p1\",\"at\":\"2026-01-01T10:00:00Z\"}]}");
        assertEquals(200, value.status(), value.raw().body());
        Eventually.within(WAIT, () -> assertEquals(100000,
            api.get("/v1/users/vip").body().get("lifetimeValue").get("USD").asInt()));
        for (String message : Traces.messages(11, EmotionalState.RAGE, "vip")) {
          assertEquals(202, api.post("/v1/sessions/crash-s1/telemetry", message).status());
        }
        Hit one = Eventually.value(WAIT, () -> {
          List<Hit> hits = receiver.hits("/crash/c1");
          assertTrue(!hits.isEmpty(), "contact one not notified yet");
          return hits.get(0);
        });
        first.kill();
        assertEquals(List.of(), receiver.hits("/crash/c2"), "contact two was not due before the kill");

        int secondPort = TestNode.freePort();
        second = startNode(dataDir, secondPort);
        Hit two = Eventually.value(WAIT, () -> {
          List<Hit> hits = receiver.hits("/crash/c2");
          assertTrue(!hits.isEmpty(), "contact two not notified yet");
          return hits.get(0);
        });
        assertEquals(one.body().get("incidentId").asText(), two.body().get("incidentId").asText());
        assertEquals("Bob", two.body().get("contact").asText());
        // Contact one may hear again only if the kill came between the send and its record: with the same key.
        assertEquals(1, receiver.hits("/crash/c1").stream().map(Hit::idempotencyKey).distinct().count());
        ApiClient after = new ApiClient(secondPort, key);
        String id = one.body().get("incidentId").asText();
        Eventually.within(WAIT, () -> assertEquals(2,
            after.get("/v1/incidents/" + id).body().get("contactsNotified").asInt()));
      } finally {
        if (first.process().isAlive()) first.kill();
        if (second != null) second.kill();
      }
    }
  }

  private static NodeProcess startNode(Path dataDir, int httpPort) throws Exception {
    return NodeProcess.start(
        Map.of(
            "LIMBIC_DATA_DIR", dataDir.toString(),
            "LIMBIC_HTTP_PORT", Integer.toString(httpPort),
            "LIMBIC_MANAGEMENT_PORT", Integer.toString(TestNode.freePort()),
            "LIMBIC_REMOTE_PORT", Integer.toString(TestNode.freePort()),
            "LIMBIC_NOTIFICATIONS_ALLOW_PRIVATE_HOSTS", "true",
            "LIMBIC_ESCALATION_ALLOW_PRIVATE_HOSTS", "true",
            "LIMBIC_ESCALATION_SWEEP_INTERVAL", "500ms",
            "LIMBIC_ASK_TIMEOUT", "15s"),
        List.of());
  }
}
