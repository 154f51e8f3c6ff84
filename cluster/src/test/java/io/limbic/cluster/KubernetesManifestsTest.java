package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code kubectl kustomize} renders for the base and each overlay. Defect 8 of issue 7: the Service exposes the
 * API only (never management's unauthenticated cluster internals), the pod binds its own IP instead of the loopback
 * defaults, and runs as the image's unprivileged user. Issue 13: each overlay is a deployable whole (replicas,
 * autoscaler, disruption budget, probes on named ports, database credentials from a Secret, RBAC for bootstrap's
 * pod listing, rolling updates that never go below the wanted count), and the configuration its pods would run
 * (the container's literal environment, through the node's own loading) bootstraps through the Kubernetes API with
 * the lease-majority downing. kubectl is required, not optional.
 */
class KubernetesManifestsTest {
  private static final int MANAGEMENT_PORT = 8558;

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/production"})
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
    // Secrets every pod must share (README "Kubernetes"): a link, a webhook, a dashboard cookie or a user token of
    // one pod is checked by the others.
    for (String shared : List.of("LIMBIC_ESCALATION_ACK_SECRET", "LIMBIC_ESCALATION_WEBHOOK_SECRET",
        "LIMBIC_DASHBOARD_SESSION_SECRET", "LIMBIC_USER_TOKEN_SECRET")) {
      assertTrue(env.containsKey(shared) && map(env.get(shared), "valueFrom").containsKey("secretKeyRef"),
          shared + " comes from a Secret: " + env.keySet());
    }
    // README "Downing": the pods are spread so that one machine's loss is one pod's.
    List<Map<String, Object>> spread = list(podSpec, "topologySpreadConstraints");
    assertTrue(spread.stream().anyMatch(c -> "kubernetes.io/hostname".equals(c.get("topologyKey"))), spread.toString());
  }

  /** Issue 13: dev is one pod that forms its cluster alone, production three or more (README "Deploying to Kubernetes"). */
  @ParameterizedTest
  @CsvSource({"k8s/overlays/dev, limbic-dev, 1", "k8s/overlays/production, limbic, 3"})
  void eachOverlayIsADeployableCluster(String kustomization, String namespace, int replicas) throws Exception {
    List<Map<String, Object>> resources = render(kustomization);
    for (Map<String, Object> resource : resources) {
      assertEquals(namespace, map(resource, "metadata").get("namespace"), "namespace of " + resource.get("kind"));
    }
    Map<String, Object> deployment = single(resources, "Deployment");
    Map<String, Object> spec = map(deployment, "spec");
    assertEquals(replicas, spec.get("replicas"), "replicas");
    Map<String, Object> podLabels = map(map(map(spec, "template"), "metadata"), "labels");
    assertEquals(map(spec, "selector").get("matchLabels"), podLabels, "the selector is the pod's labels");

    // Rolling updates add a pod before removing one: the cluster never has fewer members than asked for.
    Map<String, Object> strategy = map(spec, "strategy");
    assertEquals("RollingUpdate", strategy.get("type"));
    assertEquals(0, map(strategy, "rollingUpdate").get("maxUnavailable"));
    assertEquals(1, map(strategy, "rollingUpdate").get("maxSurge"));

    List<Map<String, Object>> autoscalers = ofKind(resources, "HorizontalPodAutoscaler");
    if (replicas == 1) {
      assertTrue(autoscalers.isEmpty(), "dev has no autoscaler (base's would scale it back to three)");
    } else {
      assertEquals(1, autoscalers.size());
      Map<String, Object> hpa = map(autoscalers.get(0), "spec");
      assertEquals(replicas, hpa.get("minReplicas"), "the autoscaler starts at the deployment's replicas");
      assertTrue((Integer) hpa.get("maxReplicas") >= 3 * replicas, "maxReplicas " + hpa.get("maxReplicas"));
      assertEquals("limbic", map(hpa, "scaleTargetRef").get("name"));
      assertEquals("Deployment", map(hpa, "scaleTargetRef").get("kind"));
    }

    // One pod at a time on a drain; with one replica that still lets the drain evict it (minAvailable would not).
    Map<String, Object> pdb = map(single(resources, "PodDisruptionBudget"), "spec");
    assertEquals(1, pdb.get("maxUnavailable"));
    assertFalse(pdb.containsKey("minAvailable"), pdb.toString());
    assertEquals(podLabels, map(pdb, "selector").get("matchLabels"));

    Map<String, Object> service = map(single(resources, "Service"), "spec");
    assertEquals(podLabels, service.get("selector"));
    assertEquals("http", list(service, "ports").get(0).get("targetPort"));

    Map<String, Object> podSpec = map(map(spec, "template"), "spec");
    Map<String, Object> container = list(podSpec, "containers").get(0);
    Map<String, Integer> ports = new HashMap<>();
    for (Map<String, Object> port : list(container, "ports")) {
      ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
    }
    assertEquals(Map.of("http", 8080, "management", MANAGEMENT_PORT, "remoting", 25520), ports);
    Map<String, Object> readiness = map(map(container, "readinessProbe"), "httpGet");
    assertEquals(Map.of("path", "/ready", "port", "management"), readiness);
    Map<String, Object> liveness = map(map(container, "livenessProbe"), "httpGet");
    assertEquals(Map.of("path", "/alive", "port", "management"), liveness);

    Map<String, Object> resourceSpec = map(container, "resources");
    Object memory = map(resourceSpec, "requests").get("memory");
    assertTrue(map(resourceSpec, "requests").containsKey("cpu"), resourceSpec.toString());
    assertEquals(memory, map(resourceSpec, "limits").get("memory"), "the heap is sized from a fixed limit");

    Map<String, Map<String, Object>> env = new HashMap<>();
    Map<String, String> literal = new HashMap<>();
    for (Map<String, Object> variable : list(container, "env")) {
      String name = (String) variable.get("name");
      assertFalse(env.containsKey(name), name + " is set once");
      env.put(name, variable);
      if (variable.get("value") != null) literal.put(name, String.valueOf(variable.get("value")));
    }
    for (String key : List.of("url", "user", "password")) {
      String name = "LIMBIC_DB_" + key.toUpperCase(java.util.Locale.ROOT);
      assertTrue(env.containsKey(name), name + " is set");
      Map<String, Object> ref = map(map(env.get(name), "valueFrom"), "secretKeyRef");
      assertEquals(Map.of("name", "limbic-db", "key", key), ref, name);
    }
    String javaOptions = literal.getOrDefault("JAVA_OPTS", "");
    assertTrue(javaOptions.contains("-XX:MaxRAMPercentage="), javaOptions);
    assertFalse(javaOptions.contains("-Dpekko."), "the image's Pekko settings are not overridden: " + javaOptions);

    // Bootstrap lists pods: a Role that reads pods, bound to the pods' service account.
    String account = (String) podSpec.get("serviceAccountName");
    assertEquals(account, map(single(resources, "ServiceAccount"), "metadata").get("name"));
    Map<String, Object> role = single(resources, "Role");
    Map<String, Object> rule = list(role, "rules").get(0);
    assertEquals(List.of(""), rule.get("apiGroups"));
    assertEquals(List.of("pods"), rule.get("resources"));
    assertEquals(Set.of("get", "watch", "list"), Set.copyOf((List<?>) rule.get("verbs")));
    Map<String, Object> binding = single(resources, "RoleBinding");
    assertEquals(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role",
        "name", map(role, "metadata").get("name")), binding.get("roleRef"));
    assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", account, "namespace", namespace)),
        binding.get("subjects"));

    // What a pod of this overlay runs: its literal environment through the node's own loading.
    Config config = NodeConfig.load(ConfigFactory.empty(), asSecretFiles(literal));
    String discovery = "pekko.management.cluster.bootstrap.contact-point-discovery.";
    assertEquals("kubernetes-api", config.getString(discovery + "discovery-method"));
    assertTrue(ports.containsKey(config.getString(discovery + "port-name")), "bootstrap probes a named port");
    assertTrue(config.getBoolean("pekko.discovery.kubernetes-api.use-raw-ip"));
    String selector = String.format(config.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
        config.getString(discovery + "service-name"));
    assertEquals("app=" + podLabels.get("app"), selector, "bootstrap lists exactly this deployment's pods");
    int required = config.getInt(discovery + "required-contact-point-nr");
    assertTrue(required >= 1 && required <= replicas, "required contact points " + required + " of " + replicas);
    if (replicas > 1) assertTrue(required >= 2, "several pods never form a cluster alone: " + required);
    assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
        config.getString("pekko.cluster.downing-provider-class"));
    assertEquals("lease-majority", config.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    assertEquals("limbic.cluster-lease",
        config.getString("pekko.cluster.split-brain-resolver.lease-majority.lease-implementation"));
  }

  /** The container's literal LIMBIC_ variables as the node reads them (LIMBIC_X_FILE stands for LIMBIC_X). */
  private static Map<String, String> asSecretFiles(Map<String, String> literal) throws IOException {
    Path dir = Files.createTempDirectory("pod-env-");
    Map<String, String> environment = new HashMap<>();
    for (Map.Entry<String, String> variable : literal.entrySet()) {
      if (!variable.getKey().startsWith("LIMBIC_")) continue;
      Path file = Files.writeString(dir.resolve(variable.getKey()), variable.getValue(), StandardCharsets.UTF_8);
      environment.put(variable.getKey() + "_FILE", file.toString());
    }
    return environment;
  }

  private static Map<String, Object> single(List<Map<String, Object>> resources, String kind) {
    List<Map<String, Object>> found = ofKind(resources, kind);
    assertEquals(1, found.size(), "one " + kind);
    return found.get(0);
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
