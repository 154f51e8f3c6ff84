package io.limbic.projections.escalation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A local HTTP server standing in for a provider outside our system: it records every request and answers what
 * the test set for the path (201 with an empty JSON object unless told otherwise), or never answers.
 */
final class ProviderStandIn implements AutoCloseable {
  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  record Answer(int status, String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean silent;

  ProviderStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getRawPath();
      requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
          new String(body, StandardCharsets.UTF_8)));
      if (silent) {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Answer answer = answers.getOrDefault(path, new Answer(201, "{}", Map.of()));
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body, Map.of()));
  }

  void answer(String path, int status, String body, Map<String, String> headers) {
    answers.put(path, new Answer(status, body, headers));
  }

  /** From now on the server reads requests and never answers (until closed). */
  void goSilent() {
    silent = true;
  }

  List<Request> requests() {
    return requests;
  }

  Request only() {
    if (requests.size() != 1) throw new AssertionError("expected one request, got " + requests);
    return requests.get(0);
  }

  @Override
  public void close() {
    released.countDown();
    if (closed.compareAndSet(false, true)) server.stop(0);
  }
}
