package io.limbic.loadtest;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link LoadPlan}: builds its sessions, starts the HTTP senders and the WebSocket pacer, prints progress
 * every five seconds, stops them at the end of the window, and reports what was measured.
 */
final class LoadLevel {
  private static final long SECOND = 1_000_000_000L;
  private static final int PROGRESS_EVERY_S = 5;
  private static final long DRAIN_NANOS = 5 * SECOND;
  /** Lets detections triggered by the last batches be persisted before the node is asked. */
  private static final long SETTLE_MILLIS = 2_000;

  private final LoadPlan plan;
  private final TraceLibrary library;
  private final HttpClient client;
  private final List<SessionStream> streams = new ArrayList<>();
  private final List<SessionPlayback> posting = new ArrayList<>();

  LoadLevel(LoadPlan plan, TraceLibrary library, HttpClient client) {
    this.plan = plan;
    this.library = library;
    this.client = client;
  }

  LevelReport run() throws InterruptedException {
    long start = System.nanoTime();
    int warmS = plan.rampupS() + plan.warmupS();
    long windowStart = start + warmS * SECOND;
    long windowEnd = windowStart + plan.seconds() * SECOND;
    LevelTally tally = new LevelTally(start, windowStart, windowEnd);
    buildSessions(start, tally);

    List<Thread> threads = startSenders(windowEnd, tally);
    DetectionFigures before = null;
    long cpuBefore = 0;
    NodeCpu node = new NodeCpu(plan.nodePid(), plan.clockTicks());
    double nodeBefore = -1;
    for (int s = 1; s <= warmS + plan.seconds(); s++) {
      sleepUntil(start + s * SECOND);
      if (s == warmS) {
        before = DetectionFigures.read(client, plan.managementPort());
        cpuBefore = processCpuNanos();
        nodeBefore = node.seconds();
      }
      if (s % PROGRESS_EVERY_S == 0) progress(s, tally);
    }
    long cpuNanos = processCpuNanos() - cpuBefore;
    double nodeAfter = node.seconds();
    double nodeCpuSeconds = nodeBefore < 0 || nodeAfter < 0 ? -1 : nodeAfter - nodeBefore;
    for (Thread thread : threads) thread.join();
    drainAndClose();
    Thread.sleep(SETTLE_MILLIS);
    DetectionFigures after = DetectionFigures.read(client, plan.managementPort());

    int end = warmS + plan.seconds();
    return new LevelReport(plan, tally.offeredPerSecond(warmS, end), tally.acceptedPerSecond(warmS, end),
        tally.worstSecond(warmS, end), tally.ackSummary(plan.seconds()), before, after,
        tally.pushes(), tally.rejected(), tally.firstRejection(), tally.failuresByKind(), tally.failureCount(),
        cpuNanos / (plan.seconds() * (double) SECOND), nodeCpuSeconds);
  }

  private void buildSessions(long start, LevelTally tally) {
    Random rnd = new Random(plan.seed() ^ plan.sessions());
    long rampNanos = plan.rampupS() * SECOND;
    long clientEpochMs = System.currentTimeMillis();
    for (int i = 0; i < plan.sessions(); i++) {
      String id = "b" + plan.run() + "-" + plan.sessions() + "-" + i;
      long offset = rampNanos * i / plan.sessions();
      SessionPlayback session = new SessionPlayback(id, "u" + id, start + offset, clientEpochMs + offset / 1_000_000,
          library, new Random(rnd.nextLong()), rnd.nextDouble() < plan.troubled());
      if (plan.streams(i)) streams.add(new SessionStream(session, tally, plan.wsBinary()));
      else posting.add(session);
    }
  }

  private List<Thread> startSenders(long stop, LevelTally tally) {
    List<Thread> threads = new ArrayList<>();
    int connections = Math.min(plan.connections(), posting.size());
    for (int c = 0; c < connections; c++) {
      List<SessionPlayback> mine = new ArrayList<>();
      for (int i = c; i < posting.size(); i += connections) mine.add(posting.get(i));
      threads.add(new Thread(
          new HttpBatchSender(mine, plan.port(), plan.key(), plan.httpFlushMs(), stop, tally), "http-" + c));
    }
    if (!streams.isEmpty()) {
      threads.add(new Thread(
          new StreamPacer(streams, client, plan.port(), plan.key(), plan.wsFlushMs(), stop), "ws-pacer"));
    }
    threads.forEach(Thread::start);
    return threads;
  }

  /** Waits (a bounded time) for the acks of messages still in flight, then closes every socket. */
  private void drainAndClose() throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_NANOS;
    while (System.nanoTime() < deadline && streams.stream().anyMatch(SessionStream::inFlight)) Thread.sleep(50);
    streams.forEach(SessionStream::close);
  }

  private void progress(int second, LevelTally tally) {
    long open = streams.stream().filter(SessionStream::connected).count();
    System.out.printf(
        "  +%3ds  websockets open %d/%d   last %d s: sent %,.0f samples/s, accepted %,.0f/s   failures %d%n",
        second, open, streams.size(), PROGRESS_EVERY_S, tally.offeredPerSecond(second - PROGRESS_EVERY_S, second),
        tally.acceptedPerSecond(second - PROGRESS_EVERY_S, second), tally.failureCount());
  }

  private static void sleepUntil(long nanos) {
    for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
