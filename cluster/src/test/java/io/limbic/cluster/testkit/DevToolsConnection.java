package io.limbic.cluster.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Chrome DevTools Protocol connection (to the browser or to one page) over a WebSocket: a command is sent with
 * an id and its answer is matched by that id; events are kept in arrival order for the test to read.
 */
public final class DevToolsConnection implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  private DevToolsConnection(URI uri) throws Exception {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, new Receiver())
            .get(10, TimeUnit.SECONDS);
  }

  public static DevToolsConnection open(URI uri) throws Exception {
    return new DevToolsConnection(uri);
  }

  public JsonNode call(String method) throws Exception {
    return call(method, Map.of());
  }

  /** Sends a command and waits for its result; a protocol error fails the test with the browser's message. */
  public JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode command = MAPPER.createObjectNode().put("id", id).put("method", method);
    command.set("params", MAPPER.valueToTree(params));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    answers.put(id, answer);
    synchronized (socket) {
      // A java.net.http.WebSocket takes one send at a time.
      socket.sendText(MAPPER.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
    }
    JsonNode reply;
    try {
      reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer to " + method + " within " + COMMAND_TIMEOUT, e);
    } finally {
      answers.remove(id);
    }
    if (reply.has("error")) throw new AssertionError(method + " failed: " + reply.get("error"));
    return reply.path("result");
  }

  /**
   * Evaluates a JavaScript expression in the page, waiting for it if it is a promise, and returns its value as
   * JSON; an exception in the page fails the test with its description.
   */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode result =
        call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      JsonNode details = result.get("exceptionDetails");
      throw new AssertionError("page threw on `" + expression + "`: "
          + details.path("exception").path("description").asText(details.path("text").asText()));
    }
    return result.path("result").path("value");
  }

  /** The params of every event named {@code method} received so far. */
  public List<JsonNode> events(String method) {
    return events.stream().filter(e -> method.equals(e.path("method").asText())).map(e -> e.path("params")).toList();
  }

  @Override
  public void close() {
    socket.abort();
  }

  /** Reassembles fragmented text messages and routes each to its waiting command or to the event list. */
  private final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        route(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      answers.values().forEach(a -> a.completeExceptionally(error));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      IOException closed = new IOException("DevTools connection closed: " + statusCode + " " + reason);
      answers.values().forEach(a -> a.completeExceptionally(closed));
      return null;
    }

    private void route(String text) {
      JsonNode message;
      try {
        message = MAPPER.readTree(text);
      } catch (IOException e) {
        return;
      }
      if (message.has("id")) {
        CompletableFuture<JsonNode> answer = answers.get(message.get("id").asInt());
        if (answer != null) answer.complete(message);
      } else {
        events.add(message);
      }
    }
  }
}
