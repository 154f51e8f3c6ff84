package io.limbic.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * One session's WebSocket ({@code GET /v1/stream}): at most one message in flight, the next goes out only after the
 * server acknowledged the previous one (the server reads a connection's next message only after processing the
 * last, so a second message in flight would only queue). Emotion pushes are counted. A socket that fails to open or
 * is dropped is opened again a second later, as a browser SDK reconnects; the samples of the gap go with the next
 * message. Messages are the SDK's binary frames ({@link SampleFrame}) or, with {@code wsFraming=json}, JSON text.
 */
final class SessionStream implements WebSocket.Listener {
  private static final byte[] SAMPLES_OPEN = BatchBytes.ascii("{\"samples\":[");
  private static final long RECONNECT_NANOS = 1_000_000_000L;

  final SessionPlayback session;
  private final LevelTally tally;
  private final boolean binary;
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean opening;
  private volatile boolean inFlight;
  private volatile boolean closing;
  private volatile long sentNanos;
  private volatile long reopenAtNanos;

  SessionStream(SessionPlayback session, LevelTally tally, boolean binary) {
    this.session = session;
    this.tally = tally;
    this.binary = binary;
  }

  void open(HttpClient client, int port, String key) {
    opening = true;
    URI uri = URI.create(
        "ws://127.0.0.1:" + port + "/v1/stream?sessionId=" + session.sessionId + "&access_token=" + key);
    client.newWebSocketBuilder()
        .header("Authorization", "Bearer " + key)
        .buildAsync(uri, this)
        .whenComplete((ws, error) -> {
          if (error == null) {
            socket = ws;
          } else {
            tally.failed("ws open " + rootCause(error), rootCauseMessage(error));
            lost();
          }
        });
  }

  /** Whether the socket should be opened now: the session has started and is not open, opening or backing off. */
  boolean due(long nowNanos) {
    return !opening && !closing && session.started(nowNanos) && nowNanos >= reopenAtNanos;
  }

  boolean connected() {
    return socket != null;
  }

  /** Whether a message may go now: the socket is open and the previous message was acknowledged. */
  boolean ready() {
    return socket != null && !inFlight && !closing;
  }

  boolean inFlight() {
    return inFlight;
  }

  /** Sends the samples that came due since the last message, if any, encoded into {@code scratch} (and {@code frame}). */
  void send(long nowNanos, int cap, BatchBytes scratch, SampleFrame frame) {
    WebSocket ws = socket;
    if (ws == null) return;
    scratch.clear();
    int count;
    if (binary) {
      frame.clear();
      count = session.takeDue(nowNanos, cap, frame);
      if (count > 0) frame.writeTo(scratch);
    } else {
      scratch.append(SAMPLES_OPEN);
      count = session.appendDue(scratch, nowNanos, cap);
      scratch.append(']').append('}');
    }
    if (count == 0) return;
    tally.offered(count, nowNanos);
    inFlight = true;
    sentNanos = System.nanoTime();
    // The scratch is reused for the next session's message while this one may still be going out: send a copy.
    var sending = binary
        ? ws.sendBinary(ByteBuffer.wrap(Arrays.copyOf(scratch.array(), scratch.length())), true)
        : ws.sendText(scratch.text(), true);
    sending.whenComplete((sent, error) -> {
      if (error != null) {
        tally.failed("ws send " + rootCause(error));
        inFlight = false;
      }
    });
  }

  void close() {
    closing = true;
    WebSocket ws = socket;
    if (ws != null) ws.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark over").exceptionally(e -> null);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      long now = System.nanoTime();
      TelemetryAck ack = TelemetryAck.parse(partial);
      if (ack != null) {
        tally.acked(ack, sentNanos, now);
        inFlight = false;
      } else if (TelemetryAck.isEmotionPush(partial)) {
        tally.pushed();
      } else {
        // {"type":"error","status":503,"code":...} answers the message in flight just as an ack does.
        tally.failed("ws " + TelemetryAck.errorCode(partial));
        inFlight = false;
      }
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    if (!closing) tally.failed("ws closed by server " + statusCode);
    lost();
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    if (!closing) tally.failed("ws error " + rootCause(error));
    lost();
  }

  private void lost() {
    socket = null;
    inFlight = false;
    partial.setLength(0);
    reopenAtNanos = System.nanoTime() + RECONNECT_NANOS;
    opening = false;
  }

  private static String rootCause(Throwable error) {
    return root(error).getClass().getSimpleName();
  }

  private static String rootCauseMessage(Throwable error) {
    return String.valueOf(root(error).getMessage());
  }

  private static Throwable root(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) cause = cause.getCause();
    return cause;
  }
}
