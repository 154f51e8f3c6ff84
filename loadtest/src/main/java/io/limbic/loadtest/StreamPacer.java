package io.limbic.loadtest;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives every WebSocket session from one thread. The sessions are spread over the slots of a wheel that turns once
 * per flush interval in 10 ms steps; at its slot a session opens its socket (when it starts, or again after losing
 * it) or sends the samples that came due, if its previous message was acknowledged. Sends are asynchronous; acks
 * arrive on the client's threads.
 */
final class StreamPacer implements Runnable {
  private static final long STEP_NANOS = 10_000_000L;
  private static final int MAX_MESSAGE = 1_000;

  private final List<List<SessionStream>> slots = new ArrayList<>();
  private final HttpClient client;
  private final int port;
  private final String key;
  private final long stopNanos;
  private final BatchBytes scratch = new BatchBytes();
  private final SampleFrame frame = new SampleFrame();

  StreamPacer(
      List<SessionStream> streams, HttpClient client, int port, String key, long flushMs, long stopNanos) {
    this.client = client;
    this.port = port;
    this.key = key;
    this.stopNanos = stopNanos;
    int count = (int) Math.max(1, flushMs * 1_000_000L / STEP_NANOS);
    for (int i = 0; i < count; i++) slots.add(new ArrayList<>());
    for (int i = 0; i < streams.size(); i++) slots.get(i % count).add(streams.get(i));
  }

  @Override
  public void run() {
    long origin = System.nanoTime();
    long step = 0;
    for (long now = origin; now < stopNanos; now = System.nanoTime()) {
      // A late wake-up visits every slot it missed, so no session skips a turn.
      for (long due = (now - origin) / STEP_NANOS; step <= due; step++) {
        visit(slots.get((int) (step % slots.size())), now);
      }
      LockSupport.parkNanos(origin + step * STEP_NANOS - System.nanoTime());
    }
  }

  private void visit(List<SessionStream> slot, long now) {
    for (SessionStream stream : slot) {
      if (stream.due(now)) {
        stream.open(client, port, key);
      } else if (stream.ready()) {
        stream.send(now, MAX_MESSAGE, scratch, frame);
      }
    }
  }
}
