package io.limbic.loadtest;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One keep-alive connection and the HTTP sessions it carries: every flush interval each session posts the samples
 * that came due since its last post ({@code POST /v1/sessions/{id}/telemetry}), like a browser SDK flushing its
 * buffer once a second; nothing due, nothing sent. A session whose batch could not go out on time sends more at its
 * next turn, so a slow server sees bigger batches, not less load; the ack latency shows the lag.
 */
final class HttpBatchSender implements Runnable {
  private static final String HOST = "127.0.0.1";
  private static final int MAX_BATCH = 1_000;
  private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
  private static final byte[] SAMPLES_OPEN = BatchBytes.ascii("\"samples\":[");
  private static final byte[] BATCH_CLOSE = BatchBytes.ascii("]}");

  /** A session with its prebuilt request head and the time of its next flush. */
  private static final class Turn {
    final SessionPlayback session;
    final byte[] head;
    long dueNanos;

    Turn(SessionPlayback session, byte[] head, long dueNanos) {
      this.session = session;
      this.head = head;
      this.dueNanos = dueNanos;
    }
  }

  private final int port;
  private final long flushNanos;
  private final long stopNanos;
  private final LevelTally tally;
  private final PriorityQueue<Turn> turns = new PriorityQueue<>(Comparator.comparingLong((Turn t) -> t.dueNanos));
  private final BatchBytes body = new BatchBytes();
  private final BatchBytes request = new BatchBytes();

  HttpBatchSender(
      List<SessionPlayback> sessions, int port, String key, long flushMs, long stopNanos, LevelTally tally) {
    this.port = port;
    this.flushNanos = flushMs * 1_000_000L;
    this.stopNanos = stopNanos;
    this.tally = tally;
    for (SessionPlayback s : sessions) {
      String head = "POST /v1/sessions/" + s.sessionId + "/telemetry HTTP/1.1\r\nHost: " + HOST + ":" + port
          + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: ";
      turns.add(new Turn(s, BatchBytes.ascii(head), s.startNanos + flushNanos));
    }
  }

  @Override
  public void run() {
    KeepAliveConnection connection = null;
    try {
      // A sender that fell behind stops at the end all the same: the level is bounded in time.
      while (!turns.isEmpty() && turns.peek().dueNanos < stopNanos && System.nanoTime() < stopNanos) {
        Turn turn = turns.poll();
        waitUntil(turn.dueNanos);
        if (connection == null) connection = connect();
        if (connection != null && !send(connection, turn)) {
          close(connection);
          connection = null;
        }
        turn.dueNanos += flushNanos;
        turns.add(turn);
      }
    } finally {
      if (connection != null) close(connection);
    }
  }

  /** Posts what the session owes; false when the connection broke and must be replaced. */
  private boolean send(KeepAliveConnection connection, Turn turn) {
    SessionPlayback session = turn.session;
    body.clear();
    body.append('{');
    if (session.firstBatch()) body.append(BatchBytes.ascii("\"userId\":\"" + session.userId + "\","));
    body.append(SAMPLES_OPEN);
    long sent = System.nanoTime();
    int count = session.appendDue(body, sent, MAX_BATCH);
    if (count == 0) return true;
    body.append(BATCH_CLOSE);
    request.clear();
    request.append(turn.head).append(body.length()).append(HEAD_END).append(body);
    tally.offered(count, sent);
    try {
      int status = connection.exchange(request.array(), request.length(), true);
      long now = System.nanoTime();
      TelemetryAck ack = status / 100 == 2 ? TelemetryAck.parse(connection.body()) : null;
      if (ack != null) tally.acked(ack, sent, now);
      else tally.failed("http " + status);
      return true;
    } catch (IOException | RuntimeException e) {
      tally.failed("http " + e.getClass().getSimpleName(), e.getMessage());
      return false;
    }
  }

  private KeepAliveConnection connect() {
    try {
      return new KeepAliveConnection(HOST, port);
    } catch (IOException e) {
      tally.failed("http connect " + e.getClass().getSimpleName(), e.getMessage());
      return null;
    }
  }

  private static void waitUntil(long nanos) {
    for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  private static void close(KeepAliveConnection connection) {
    try {
      connection.close();
    } catch (IOException ignored) {
      // the benchmark is done with it either way
    }
  }
}
