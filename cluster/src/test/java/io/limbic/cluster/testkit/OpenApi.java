package io.limbic.cluster.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's OpenAPI description ({@code openapi.json} on the classpath) and the check of one response against it:
 * the operation exists, the status is one it documents, the content type is one documented for that status, and the
 * body matches that response's schema. Schemas are evaluated by networknt's json-schema-validator with its OpenAPI
 * 3.1 dialect, each addressed by a JSON pointer into the description, so {@code $ref}s resolve as in the document.
 */
public final class OpenApi {
  private static final String URI = "https://limbic.dev/openapi.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile OpenApi loaded;

  private final JsonNode spec;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  /** One documented operation: its method (upper case), path template and description node. */
  public record Operation(String method, String template, JsonNode node) {
    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  private OpenApi(String text) throws IOException {
    this.spec = MAPPER.readTree(text);
    this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(URI, text)));
  }

  public static OpenApi get() {
    if (loaded == null) {
      try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream("openapi.json")) {
        if (in == null) throw new IllegalStateException("openapi.json is not on the classpath");
        loaded = new OpenApi(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return loaded;
  }

  public JsonNode spec() {
    return spec;
  }

  /** Every documented operation. */
  public List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m ->
        all.add(new Operation(m.getKey().toUpperCase(Locale.ROOT), path.getKey(), m.getValue()))));
    return all;
  }

  /** The operation a request is for: a template whose literal segments match, the one with fewest parameters. */
  public Optional<Operation> find(String method, String path) {
    String[] actual = segments(path);
    return operations().stream()
        .filter(o -> o.method().equalsIgnoreCase(method) && matches(segments(o.template()), actual))
        .min(Comparator.comparingLong(o -> o.template().chars().filter(c -> c == '{').count()));
  }

  /** Whether any method is documented for this path. */
  public boolean documentsPath(String path) {
    String[] actual = segments(path);
    return operations().stream().anyMatch(o -> matches(segments(o.template()), actual));
  }

  /** What is wrong with a response to {@code method path} per the description; empty if nothing. */
  public List<String> violations(String method, String path, int status, String contentType, String body) {
    String what = method + " " + path + " -> " + status + ": ";
    Optional<Operation> found = find(method, path);
    if (found.isEmpty()) {
      // An undocumented request may only be refused as the server refuses any unknown route.
      if ((status == 404 || status == 405) && isProblem(contentType)) return List.of();
      return List.of(what + "no documented operation");
    }
    Operation op = found.get();
    String pointer = "/paths/" + escape(op.template()) + "/" + op.method().toLowerCase(Locale.ROOT) + "/responses/";
    JsonNode responses = op.node().get("responses");
    String key = responses.has(String.valueOf(status)) ? String.valueOf(status) : responses.has("default") ? "default"
        : null;
    if (key == null) return List.of(what + "status not documented for " + op);
    pointer += key;
    JsonNode response = responses.get(key);
    if (response.has("$ref")) {
      String ref = response.get("$ref").asText();
      pointer = ref.substring(1);
      response = spec.at(pointer);
    }
    JsonNode content = response.get("content");
    boolean empty = body == null || body.isEmpty();
    if (content == null || content.isEmpty()) {
      return empty ? List.of() : List.of(what + "a body where " + op + " documents none");
    }
    String media = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!content.has(media)) return List.of(what + "content type '" + contentType + "' not documented for " + op);
    if (!media.endsWith("json")) return List.of();
    if (empty) return List.of(what + "an empty body where " + media + " is documented");
    Schema schema = schemas.computeIfAbsent(pointer + "/content/" + escape(media) + "/schema",
        p -> registry.getSchema(SchemaLocation.of(URI + "#" + p)));
    List<Error> errors = schema.validate(body, InputFormat.JSON);
    List<String> out = new ArrayList<>();
    for (Error e : errors) out.add(what + e.getInstanceLocation() + " " + e.getMessage() + " (" + op + ")");
    return out;
  }

  private static boolean isProblem(String contentType) {
    return contentType != null && contentType.startsWith("application/problem+json");
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String[] segments(String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    return bare.split("/", -1);
  }

  private static boolean matches(String[] template, String[] actual) {
    if (template.length != actual.length) return false;
    for (int i = 0; i < template.length; i++) {
      boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
      if (parameter ? actual[i].isEmpty() : !template[i].equals(actual[i])) return false;
    }
    return true;
  }

}
