package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.TestNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the database is gone, an entity cannot answer: the client gets 503 with Retry-After, not a hang or a 500. */
class UnavailableEntityIT {
  private static final String KEY = "acme-key-0123456789abcdef";

  @Test
  void entityThatCannotAnswerIsA503WithRetryAfter() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    LimbicNode node = null;
    try {
      Map<String, Object> settings =
          Map.of(
              "limbic.data-dir", Files.createTempDirectory("limbic-503-").toString(),
              "limbic.db.url", postgres.getJdbcUrl("postgres", "postgres"),
              "limbic.db.user", "postgres",
              "limbic.db.password", "postgres",
              "limbic.api-keys", "acme:" + KEY,
              "limbic.http.ask-timeout", "2s");
      node = TestNode.start(settings);
      ApiClient api = new ApiClient(node.httpPort(), KEY);
      assertEquals(200, api.post("/v1/heartbeat", "{\"userId\":\"before\"}").status());

      postgres.close();
      Reply reply = api.post("/v1/heartbeat", "{\"userId\":\"after\"}");
      assertEquals(503, reply.status(), reply.raw().body());
      assertTrue(reply.contentType().startsWith("application/problem+json"));
      assertEquals("1", reply.header("Retry-After"));
    } finally {
      if (node != null) node.stop();
      postgres.close();
    }
  }
}
