package io.limbic.cluster.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client for one node's API over a real socket, as one tenant. */
public final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;
  private final String key;
  private final ContractViolations violations;

  public ApiClient(int port, String key) {
    this(port, key, null);
  }

  private ApiClient(int port, String key, ContractViolations violations) {
    this.port = port;
    this.key = key;
    this.violations = violations;
  }

  /**
   * The same client, checking every response against the OpenAPI description ({@link OpenApi}) and recording what
   * breaks it in {@code violations}, which the test asserts empty.
   */
  public ApiClient validating(ContractViolations violations) {
    return new ApiClient(port, key, violations);
  }

  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  public Reply post(String path, String body) throws IOException, InterruptedException {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
  }

  public Reply put(String path, String body) throws IOException, InterruptedException {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
  }

  public Reply get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  /** A request with extra headers (name, value, name, value, ...). */
  public Reply send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        request(path)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) builder.header("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
    return send(builder);
  }

  public static Reply getUrl(String url) throws IOException, InterruptedException {
    HttpResponse<String> raw =
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(raw.statusCode(), null, raw);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    if (key != null) builder.header("Authorization", "Bearer " + key);
    return builder;
  }

  private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpRequest request = builder.build();
    HttpResponse<String> raw = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (violations != null) {
      String path = request.uri().getRawPath();
      violations.record(OpenApi.get().violations(request.method(), path, raw.statusCode(),
          raw.headers().firstValue("Content-Type").orElse(null), raw.body()));
    }
    JsonNode body = raw.body().isEmpty() ? null : parse(raw.body());
    return new Reply(raw.statusCode(), body, raw);
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return MAPPER.getNodeFactory().textNode(text);
    }
  }
}
