package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.ApiClient.Reply;
import io.limbic.cluster.testkit.OpenApi;
import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code openapi.json} against the running node's route tree, both ways, without listing the routes again here.
 *
 * <p>Whether the node serves a (method, path) is asked of the node itself: the request is sent with a key that has
 * only the {@code operator} role and, if that does not settle it, with one that has only {@code ingest}. Every route
 * of a group the key lacks answers {@code 403 role_required} from {@code GuardedRoutes}' probe, which runs the
 * resource only up to its method directive, so no handler runs and nothing changes (the operator routes, the one
 * group the first key may run, get a made-up name and answer 404 for it; the second key then gets the 403). An
 * unknown path answers 404 and a known path with another method 405, whatever the key. The routes that authenticate
 * themselves or need no key ({@code /sdk}, {@code /openapi.json}, the WebSocket, the signed acknowledgement link)
 * answer something else than 404/405. So: served iff a probe gets 403 {@code role_required} or a status other than
 * 404 and 405.
 *
 * <ol>
 *   <li>Every documented operation is served (a path parameter takes its schema's first example, else a made-up
 *       value).
 *   <li>Every served request among the candidates is documented: the candidates are every path named in the
 *       README (its tables and prose, where the API is documented for people) and every documented path, each
 *       with GET, POST, PUT, PATCH and DELETE, so a method a resource serves but the description omits is found.
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiH2IT {
  private static final String OPERATOR = "acme-operator-0123456789abcdef";
  private static final String INGEST = "acme-ingest-0123456789abcdef";
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Pattern README_PATH = Pattern.compile("(/(?:v1|sdk)/[A-Za-z0-9_.{}/-]*|/openapi\\.json)");

  TestDatabase db;
  LimbicNode node;
  final OpenApi api = OpenApi.get();

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of("h2");
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:" + OPERATOR + ":operator, acme:" + INGEST + ":ingest"));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  @Test
  void everyDocumentedOperationIsServed() throws Exception {
    List<String> missing = new ArrayList<>();
    for (OpenApi.Operation op : api.operations()) {
      String path = concrete(op.template(), op.node());
      if (!served(op.method(), path)) missing.add(op + " (probed as " + path + ")");
    }
    assertTrue(missing.isEmpty(), "documented but not served: " + missing);
  }

  @Test
  void everyServedCandidateIsDocumented() throws Exception {
    Set<String> candidates = new TreeSet<>();
    Matcher m = README_PATH.matcher(Files.readString(readme()));
    while (m.find()) candidates.add(m.group(1).replaceAll("[.]+$", ""));
    for (OpenApi.Operation op : api.operations()) candidates.add(op.template());
    List<String> undocumented = new ArrayList<>();
    int probed = 0;
    for (String candidate : candidates) {
      String path = concrete(candidate, null);
      for (String method : METHODS) {
        probed++;
        if (served(method, path) && api.find(method, path).isEmpty()) undocumented.add(method + " " + path);
      }
    }
    assertTrue(candidates.size() > 60, "too few candidates: " + candidates);
    assertTrue(undocumented.isEmpty(), "served but not in openapi.json (of " + probed + " probes): " + undocumented);
  }

  @Test
  void theDescriptionIsServedWithoutAKeyAndCacheable() throws Exception {
    Reply reply = new ApiClient(node.httpPort(), null).get("/openapi.json");
    assertEquals(200, reply.status());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    assertTrue(reply.header("Cache-Control").contains("public"), reply.header("Cache-Control"));
    assertEquals("3.1.0", reply.body().get("openapi").asText());
    assertEquals(new ObjectMapper().writeValueAsString(api.spec()),
        new ObjectMapper().writeValueAsString(reply.body()));
  }

  private boolean served(String method, String path) throws Exception {
    for (String key : List.of(OPERATOR, INGEST)) {
      Reply reply = new ApiClient(node.httpPort(), key).send(method, path, method.equals("GET") ? null : "{}");
      if (reply.status() == 403 && reply.body() != null
          && reply.body().path("type").asText().endsWith("/role_required")) return true;
      if (reply.status() != 404 && reply.status() != 405) return true;
    }
    return false;
  }

  /** The template with each parameter replaced by its schema's first example, else a made-up value. */
  private static String concrete(String template, JsonNode operation) {
    StringBuilder out = new StringBuilder();
    for (String segment : template.split("/", -1)) {
      if (!out.isEmpty() || !segment.isEmpty()) out.append('/');
      if (segment.startsWith("{") && segment.endsWith("}")) {
        out.append(example(segment.substring(1, segment.length() - 1), operation));
      } else {
        out.append(segment);
      }
    }
    return out.length() == 0 ? "/" : out.toString().replaceFirst("^/+", "/");
  }

  private static String example(String name, JsonNode operation) {
    if (operation != null && operation.has("parameters")) {
      for (JsonNode p : operation.get("parameters")) {
        JsonNode examples = p.path("schema").path("examples");
        if (p.path("name").asText().equals(name) && examples.isArray() && !examples.isEmpty()) {
          return examples.get(0).asText();
        }
      }
    }
    return "probe-" + name;
  }

  private static Path readme() {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("README.md"))) here = here.getParent();
    if (here == null) throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    return here.resolve("README.md");
  }
}
