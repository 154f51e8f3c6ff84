package io.limbic.loadtest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The generator's HTTP/1.1 client to the node on 127.0.0.1: one JDK {@link HttpClient} for the whole process, its
 * completions on a small fixed pool of daemon threads. A benchmark that says "N connections" runs N sender loops,
 * each of which sends its next request only after the previous response has been read ({@link #send}), so at most N
 * requests are in flight and the client's pool holds about N keep-alive connections, which it reuses, replaces when
 * one breaks and closes after {@code jdk.httpclient.keepalive.timeout} seconds idle (1,200 on Java 17).
 * {@code jdk.httpclient.connectionPoolSize} stays 0 (unbounded): the loops are the bound, not the pool.
 */
final class LoadHttp {
  static final String HOST = "127.0.0.1";
  /** As long as the hand-written client's socket read timeout was: a reply slower than this counts as a failure. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .executor(Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
        Thread thread = new Thread(runnable, "load-http");
        thread.setDaemon(true);
        return thread;
      }))
      .build();

  private LoadHttp() {}

  static URI uri(int port, String pathAndQuery) {
    return URI.create("http://" + HOST + ":" + port + pathAndQuery);
  }

  /** A request to the node with the API key and the timeout; the caller adds the method and the body. */
  static HttpRequest.Builder to(int port, String path, String key) {
    return HttpRequest.newBuilder(uri(port, path)).timeout(TIMEOUT).header("Authorization", "Bearer " + key);
  }

  static HttpRequest get(int port, String path, String key) {
    return to(port, path, key).GET().build();
  }

  static HttpRequest post(int port, String path, String key, String json) {
    return to(port, path, key).header("Content-Type", "application/json").POST(body(json)).build();
  }

  static HttpRequest put(int port, String path, String key, String json) {
    return to(port, path, key).header("Content-Type", "application/json").PUT(body(json)).build();
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
  }

  /** Sends and waits for the whole response, body as text. */
  static HttpResponse<String> send(HttpRequest request) throws IOException {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends and waits for the response, its body read and dropped; returns the status code. */
  static int exchange(HttpRequest request) throws IOException {
    return send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
    try {
      return CLIENT.send(request, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for " + request.uri());
    }
  }
}
