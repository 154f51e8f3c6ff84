package io.limbic.cluster.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** A local HTTP server standing in for a tenant's webhook: records every request, answers as it is told. */
public final class WebhookReceiver implements AutoCloseable {
  /** What the receiver answers; {@code retryAfter} null sends no Retry-After. */
  public record Answer(int status, String retryAfter) {}

  /** One request as it arrived. */
  public record Hit(String path, String idempotencyKey, JsonNode body, long arrivedNanos, int answered) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpServer server;
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, null));
  private final AtomicReference<Answer> once = new AtomicReference<>();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every later request gets this answer. */
  public void answer(int status) {
    answer.set(new Answer(status, null));
  }

  /** The next request only gets this answer. */
  public void answerNextOnce(int status, String retryAfter) {
    once.set(new Answer(status, retryAfter));
  }

  public List<Hit> hits() {
    return List.copyOf(hits);
  }

  public List<Hit> hits(String path) {
    return hits.stream().filter(h -> h.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Answer a = once.getAndSet(null);
    if (a == null) a = answer.get();
    JsonNode json = body.length == 0 ? null : MAPPER.readTree(body);
    hits.add(new Hit(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
        json, System.nanoTime(), a.status()));
    if (a.retryAfter() != null) exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
    exchange.sendResponseHeaders(a.status(), -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
