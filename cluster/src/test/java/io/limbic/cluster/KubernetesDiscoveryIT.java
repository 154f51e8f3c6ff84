package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.KubernetesApiServer;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: bootstrap through the Kubernetes API, as k8s/base configures it ({@code LIMBIC_DISCOVERY=kubernetes-api},
 * two required contact points), exercised rather than only configured. Two node processes on one PostgreSQL find
 * each other by listing the pods labelled {@code app=limbic} from a local stand-in for the API server (HTTPS with
 * its own CA, a bearer token, a namespace: what a pod's service account mounts). Both pods are at 127.0.0.1, so each
 * can only be reached at its own container port named {@code management}: the cluster forms only if discovery
 * takes each pod's named port, not the asking node's management port.
 *
 * <p>Test-only settings: where the service account's files are (the pod's are at
 * /var/run/secrets/kubernetes.io/serviceaccount), the API's address (KUBERNETES_SERVICE_HOST/PORT, which the
 * kubelet sets), and a 1 s stable margin.
 */
class KubernetesDiscoveryIT {
  private static final String KEY = "acme-key-0123456789abcdef";
  private static final String NAMESPACE = "limbic-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void twoPodsListedByTheKubernetesApiFormOneCluster() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    Ports first = Ports.free();
    Ports second = Ports.free();
    while (second.management == first.management) second = Ports.free();
    try (KubernetesApiServer api =
        new KubernetesApiServer(NAMESPACE, "app=limbic", List.of(first.management, second.management))) {
      NodeProcess a = NodeProcess.launch(environment(db, first, api), jvmOptions(api));
      NodeProcess b = null;
      try {
        b = NodeProcess.launch(environment(db, second, api), jvmOptions(api));
        for (NodeProcess node : List.of(a, b)) {
          Eventually.within(Duration.ofMinutes(4), () -> {
            assertTrue(node.process().isAlive(), "the node exited:\n" + tail(node));
            assertTrue(node.isUp(), "not up yet:\n" + tail(node));
          });
        }
        for (Ports ports : List.of(first, second)) {
          Eventually.within(Duration.ofMinutes(2), () -> {
            JsonNode members = json(ports.management, "/cluster/members").get("members");
            assertEquals(2, members.size(), members.toString());
            for (JsonNode member : members) assertEquals("Up", member.get("status").asText(), members.toString());
          });
          Eventually.within(Duration.ofMinutes(2), () -> assertEquals(200,
              ApiClient.getUrl("http://127.0.0.1:" + ports.management + "/ready").status(), "ready"));
        }
        Set<String> remotes = new HashSet<>();
        for (JsonNode member : json(first.management, "/cluster/members").get("members")) {
          String node = member.get("node").asText();
          remotes.add(node.substring(node.lastIndexOf(':') + 1));
        }
        assertEquals(Set.of(Integer.toString(first.remote), Integer.toString(second.remote)), remotes);

        // The nodes asked the API as a pod would: this namespace, the app's label, the service account's token.
        List<KubernetesApiServer.Request> requests = api.requests();
        assertFalse(requests.isEmpty(), "the API server was asked");
        for (KubernetesApiServer.Request request : requests) {
          assertEquals("/api/v1/namespaces/" + NAMESPACE + "/pods", request.path());
          assertEquals("app=limbic", request.labelSelector());
          assertEquals("Bearer " + api.token(), request.authorization());
        }

        // The cluster serves: a heartbeat through either node (a loaded machine can reach the ask timeout, 503: retried).
        for (Ports ports : List.of(first, second)) {
          ApiClient client = new ApiClient(ports.http, KEY);
          Eventually.within(Duration.ofMinutes(2), () -> {
            ApiClient.Reply beat = client.post("/v1/heartbeat", "{\"userId\":\"k8s-" + ports.http + "\"}");
            assertEquals(200, beat.status(), beat.raw().body());
          });
        }
      } finally {
        a.kill();
        if (b != null) b.kill();
      }
    }
  }

  /** What k8s/base sets (discovery, service name, two contact points) and what the pod's environment gives. */
  private static Map<String, String> environment(TestDatabase db, Ports ports, KubernetesApiServer api)
      throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("LIMBIC_DISCOVERY", "kubernetes-api");
    environment.put("LIMBIC_SERVICE_NAME", "limbic");
    environment.put("LIMBIC_REQUIRED_CONTACT_POINTS", "2");
    environment.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
    environment.put("KUBERNETES_SERVICE_PORT", Integer.toString(api.port()));
    environment.put("LIMBIC_DB_URL", db.url);
    environment.put("LIMBIC_DB_USER", db.user);
    environment.put("LIMBIC_DB_PASSWORD", db.password);
    environment.put("LIMBIC_DATA_DIR", Files.createTempDirectory("limbic-k8s-discovery-").toString());
    environment.put("LIMBIC_API_KEYS", "acme:" + KEY);
    environment.put("LIMBIC_HTTP_PORT", Integer.toString(ports.http));
    environment.put("LIMBIC_MANAGEMENT_PORT", Integer.toString(ports.management));
    environment.put("LIMBIC_REMOTE_PORT", Integer.toString(ports.remote));
    return environment;
  }

  private static List<String> jvmOptions(KubernetesApiServer api) {
    String kubernetes = "-Dpekko.discovery.kubernetes-api.";
    return List.of(
        kubernetes + "api-ca-path=" + api.caPath(),
        kubernetes + "api-token-path=" + api.tokenPath(),
        kubernetes + "pod-namespace=" + NAMESPACE,
        "-Dpekko.management.cluster.bootstrap.contact-point-discovery.stable-margin=1s");
  }

  private static JsonNode json(int port, String path) throws Exception {
    ApiClient.Reply reply = ApiClient.getUrl("http://127.0.0.1:" + port + path);
    assertEquals(200, reply.status(), reply.raw().body());
    return JSON.readTree(reply.raw().body());
  }

  private static String tail(NodeProcess node) {
    List<String> lines = node.output();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private record Ports(int http, int management, int remote) {
    static Ports free() throws Exception {
      return new Ports(TestNode.freePort(), TestNode.freePort(), TestNode.freePort());
    }
  }
}
