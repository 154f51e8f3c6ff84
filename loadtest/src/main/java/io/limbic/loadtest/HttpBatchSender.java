package io.limbic.loadtest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One sender loop, so one keep-alive connection of the shared {@link LoadHttp} client (the next batch goes out only
 * once the previous one was answered), and the HTTP sessions it carries: every flush interval each session posts the
 * samples that came due since its last post ({@code POST /v1/sessions/{id}/telemetry}), like a browser SDK flushing
 * its buffer once a second; nothing due, nothing sent. A session whose batch could not go out on time sends more at its
 * next turn, so a slow server sees bigger batches, not less load; the ack latency shows the lag.
 */
final class HttpBatchSender implements Runnable {
  private static final int MAX_BATCH = 1_000;
  private static final byte[] SAMPLES_OPEN = BatchBytes.ascii("\"samples\":[");
  private static final byte[] BATCH_CLOSE = BatchBytes.ascii("]}");

  /** A session with its telemetry URI and the time of its next flush. */
  private static final class Turn {
    final SessionPlayback session;
    final URI uri;
    long dueNanos;

    Turn(SessionPlayback session, URI uri, long dueNanos) {
      this.session = session;
      this.uri = uri;
      this.dueNanos = dueNanos;
    }
  }

  private final String authorization;
  private final long flushNanos;
  private final long stopNanos;
  private final LevelTally tally;
  private final PriorityQueue<Turn> turns = new PriorityQueue<>(Comparator.comparingLong((Turn t) -> t.dueNanos));
  private final BatchBytes body = new BatchBytes();

  HttpBatchSender(
      List<SessionPlayback> sessions, int port, String key, long flushMs, long stopNanos, LevelTally tally) {
    this.authorization = "Bearer " + key;
    this.flushNanos = flushMs * 1_000_000L;
    this.stopNanos = stopNanos;
    this.tally = tally;
    for (SessionPlayback s : sessions) {
      URI uri = LoadHttp.uri(port, "/v1/sessions/" + s.sessionId + "/telemetry");
      turns.add(new Turn(s, uri, s.startNanos + flushNanos));
    }
  }

  @Override
  public void run() {
    // A sender that fell behind stops at the end all the same: the level is bounded in time.
    while (!turns.isEmpty() && turns.peek().dueNanos < stopNanos && System.nanoTime() < stopNanos) {
      Turn turn = turns.poll();
      waitUntil(turn.dueNanos);
      send(turn);
      turn.dueNanos += flushNanos;
      turns.add(turn);
    }
  }

  /** Posts what the session owes; a broken connection is the client's to replace, the failure is counted. */
  private void send(Turn turn) {
    SessionPlayback session = turn.session;
    body.clear();
    body.append('{');
    if (session.firstBatch()) body.append(BatchBytes.ascii("\"userId\":\"" + session.userId + "\","));
    body.append(SAMPLES_OPEN);
    long sent = System.nanoTime();
    int count = session.appendDue(body, sent, MAX_BATCH);
    if (count == 0) return;
    body.append(BATCH_CLOSE);
    // A copy: the buffer is refilled for the next batch, and a request that timed out may still be reading it.
    HttpRequest request = HttpRequest.newBuilder(turn.uri).timeout(LoadHttp.TIMEOUT)
        .header("Authorization", authorization).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(body.array(), body.length()))).build();
    tally.offered(count, sent);
    try {
      HttpResponse<String> response = LoadHttp.send(request);
      long now = System.nanoTime();
      TelemetryAck ack = response.statusCode() / 100 == 2 ? TelemetryAck.parse(response.body()) : null;
      if (ack != null) tally.acked(ack, sent, now);
      else tally.failed("http " + response.statusCode());
    } catch (IOException | RuntimeException e) {
      boolean connecting = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
      tally.failed((connecting ? "http connect " : "http ") + e.getClass().getSimpleName(), e.getMessage());
    }
  }

  private static void waitUntil(long nanos) {
    for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
