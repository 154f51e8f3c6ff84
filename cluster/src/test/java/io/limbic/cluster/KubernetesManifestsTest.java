package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Defect 8 of issue 7 on Kubernetes: what {@code kubectl kustomize} renders for the base and the production overlay.
 * The Service exposes the API only (never management's unauthenticated cluster internals), the pod binds its own IP
 * instead of the loopback defaults, and runs as the image's unprivileged user. kubectl is required, not optional.
 */
class KubernetesManifestsTest {
  private static final int MANAGEMENT_PORT = 8558;

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base", "k8s/overlays/production"})
  void theServiceHasNoManagementPortAndThePodBindsItsOwnAddress(String kustomization) throws Exception {
    List<Map<String, Object>> resources = render(kustomization);

    List<Map<String, Object>> services = ofKind(resources, "Service");
    assertFalse(services.isEmpty(), "a Service is rendered");
    for (Map<String, Object> service : services) {
      for (Map<String, Object> port : list(map(service, "spec"), "ports")) {
        assertFalse(
            String.valueOf(port.get("targetPort")).equals("management")
                || String.valueOf(port.get("targetPort")).equals(Integer.toString(MANAGEMENT_PORT))
                || String.valueOf(port.get("port")).equals(Integer.toString(MANAGEMENT_PORT)),
            "the Service must not expose management: " + port);
      }
    }

    List<Map<String, Object>> deployments = ofKind(resources, "Deployment");
    assertEquals(1, deployments.size());
    Map<String, Object> pod = map(map(deployments.get(0), "spec"), "template");
    Map<String, Object> podSpec = map(pod, "spec");
    assertEquals(Boolean.TRUE, map(podSpec, "securityContext").get("runAsNonRoot"));
    Map<String, Object> container = list(podSpec, "containers").get(0);
    Map<String, Map<String, Object>> env = new java.util.HashMap<>();
    for (Map<String, Object> variable : list(container, "env")) env.put((String) variable.get("name"), variable);
    for (String bind : List.of("LIMBIC_HTTP_INTERFACE", "LIMBIC_MANAGEMENT_BIND_HOST")) {
      assertTrue(env.containsKey(bind), bind + " is set: " + env.keySet());
      Map<String, Object> from = map(map(env.get(bind), "valueFrom"), "fieldRef");
      assertEquals("status.podIP", from.get("fieldPath"), bind + " binds the pod IP");
    }
    // Secrets every pod must share (README "Kubernetes"): a link, a webhook or a dashboard cookie of one pod is
    // checked by the others.
    for (String shared : List.of("LIMBIC_ESCALATION_ACK_SECRET", "LIMBIC_ESCALATION_WEBHOOK_SECRET",
        "LIMBIC_DASHBOARD_SESSION_SECRET")) {
      assertTrue(env.containsKey(shared) && map(env.get(shared), "valueFrom").containsKey("secretKeyRef"),
          shared + " comes from a Secret: " + env.keySet());
    }
    // README "Downing": the pods are spread so that one machine's loss is one pod's.
    List<Map<String, Object>> spread = list(podSpec, "topologySpreadConstraints");
    assertTrue(spread.stream().anyMatch(c -> "kubernetes.io/hostname".equals(c.get("topologyKey"))), spread.toString());
  }

  private static List<Map<String, Object>> render(String kustomization) throws Exception {
    Path dir = repositoryRoot().resolve(kustomization);
    Path rendered = Files.createTempFile("kustomize-", ".yaml");
    Process process;
    try {
      process =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(rendered.toFile())
              .start();
    } catch (IOException e) {
      fail("kubectl is required to check the Kubernetes manifests (Debian: apt-get install kubectl): " + e.getMessage());
      return List.of();
    }
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize finishes");
    String yaml = Files.readString(rendered, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), "kubectl kustomize " + kustomization + " failed:\n" + yaml);
    List<Map<String, Object>> resources = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document != null) resources.add(cast(document));
    }
    return resources;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("k8s/base/kustomization.yaml"))) dir = dir.getParent();
    if (dir == null) fail("no k8s/base above " + System.getProperty("user.dir"));
    return dir;
  }

  private static List<Map<String, Object>> ofKind(List<Map<String, Object>> resources, String kind) {
    return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertTrue(value instanceof Map, key + " is a mapping in " + parent);
    return cast(value);
  }

  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertTrue(value instanceof List, key + " is a list in " + parent);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Object item : (List<?>) value) items.add(cast(item));
    return items;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }
}
