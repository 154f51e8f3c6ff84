package io.limbic.cluster.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends fuzz messages over {@code /v1/stream}, one at a time, and checks the one reply each must get: an error with
 * a 4xx status, or an ack that accepted nothing. A socket is used for a few dozen messages, then another one opens
 * (another tenant, session or way of passing the key).
 */
final class SocketRun {
  private static final int MESSAGES_PER_SOCKET = 40;
  private static final Duration REPLY_WITHIN = Duration.ofSeconds(15);
  static final String ROUTE = "GET /v1/stream (messages)";

  private final int port;
  private final List<String> keys;
  private final String canarySession;
  private final Findings findings;
  private final HttpClient client = HttpClient.newHttpClient();

  SocketRun(int port, List<String> keys, String canarySession, Findings findings) {
    this.port = port;
    this.keys = keys;
    this.canarySession = canarySession;
    this.findings = findings;
  }

  /** Messages sent and replies received. */
  record Totals(int sent, int replies) {}

  Totals run(SocketMessages messages, int count) throws Exception {
    Socket socket = null;
    int replies = 0;
    int generation = 0;
    for (int i = 0; i < count; i++) {
      if (socket == null || i % MESSAGES_PER_SOCKET == 0) {
        if (socket != null) socket.close();
        socket = open(generation++);
      }
      SocketMessages.Message message = messages.message(i);
      String problem;
      String reply;
      try {
        reply = socket.exchange(message);
        problem = verdict(reply);
        replies++;
        // A bound that closes the socket (size, time, rate) says so in its last reply: go on on a new one.
        JsonNode last = Verdicts.parse(reply);
        if (last != null && last.path("closing").asBoolean()) {
          socket.abort();
          socket = null;
        }
      } catch (Exception e) {
        reply = e.getClass().getSimpleName() + ": " + e.getMessage() + (socket.closed.isDone()
            ? ", socket closed: " + socket.closed.getNow("") : "");
        problem = Verdicts.NO_ANSWER;
        socket.abort();
        socket = null;
      }
      if (problem != null) {
        int status = reply == null ? 0 : Verdicts.parse(reply) == null ? 0 : Verdicts.parse(reply).path("status").asInt();
        findings.add(ROUTE, message.shape(), problem, status, message.oneLine(), FuzzRequest.clip(String.valueOf(reply), 300));
      }
    }
    if (socket != null) socket.close();
    return new Totals(count, replies);
  }

  private static String verdict(String reply) {
    JsonNode json = Verdicts.parse(reply);
    if (json == null) return "odd-reply";
    String type = json.path("type").asText();
    if (type.equals("ack")) return json.path("accepted").asInt(-1) == 0 ? null : Verdicts.ACCEPTED;
    if (!type.equals("error")) return "odd-reply";
    int status = json.path("status").asInt();
    if (status >= 500) return Verdicts.SERVER_ERROR;
    if (status < 400 || !json.path("code").isTextual() || !json.path("detail").isTextual()) return "odd-reply";
    return null;
  }

  private Socket open(int generation) throws Exception {
    String key = keys.get(generation % keys.size());
    String session = generation % 3 == 0 ? canarySession : "fz-ws-" + generation;
    String uri = "ws://127.0.0.1:" + port + "/v1/stream?sessionId=" + session;
    Socket listener = new Socket();
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (generation % 2 == 0) uri += "&access_token=" + key;
    else builder.header("Authorization", "Bearer " + key);
    listener.socket = builder.buildAsync(URI.create(uri), listener).get(15, TimeUnit.SECONDS);
    return listener;
  }

  /** One open WebSocket and what arrived on it. */
  private static final class Socket implements WebSocket.Listener {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    /** Sends one message and returns the first reply that is not a pushed emotion. */
    String exchange(SocketMessages.Message message) throws Exception {
      if (message.binary() != null) socket.sendBinary(ByteBuffer.wrap(message.binary()), true).get(15, TimeUnit.SECONDS);
      else socket.sendText(message.text(), true).get(15, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + REPLY_WITHIN.toNanos();
      while (System.nanoTime() < deadline) {
        String reply = received.poll(200, TimeUnit.MILLISECONDS);
        if (reply != null && reply.contains("\"type\":\"emotion\"")) continue;
        if (reply != null) return reply;
        if (closed.isDone()) throw new java.io.IOException("the server closed the socket");
      }
      throw new java.util.concurrent.TimeoutException("no reply within " + REPLY_WITHIN);
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    void abort() {
      socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error: " + error);
    }
  }
}
