package io.limbic.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * What one load level observed, filled from every sender thread: samples sent and accepted per second of the run
 * (by the time they were sent, and the time their ack arrived), ack latencies of batches sent inside the measured
 * window (an HdrHistogram of microseconds), rejections, failures by kind, emotion pushes.
 */
final class LevelTally {
  private final long startNanos;
  private final long windowStartNanos;
  private final long windowEndNanos;
  private final AtomicLongArray acceptedPerSecond;
  private final AtomicLongArray offeredPerSecond;
  private final Histogram ackMicros = new SynchronizedHistogram(3);
  private final LongAdder rejected = new LongAdder();
  private final LongAdder pushes = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final Map<String, String> details = new ConcurrentHashMap<>();
  private volatile String firstRejection;

  LevelTally(long startNanos, long windowStartNanos, long windowEndNanos) {
    this.startNanos = startNanos;
    this.windowStartNanos = windowStartNanos;
    this.windowEndNanos = windowEndNanos;
    int seconds = (int) ((windowEndNanos - startNanos) / 1_000_000_000L) + 60;
    this.acceptedPerSecond = new AtomicLongArray(seconds);
    this.offeredPerSecond = new AtomicLongArray(seconds);
  }

  void offered(int samples, long sentNanos) {
    int second = (int) ((sentNanos - startNanos) / 1_000_000_000L);
    if (second < offeredPerSecond.length()) offeredPerSecond.addAndGet(second, samples);
  }

  void acked(TelemetryAck ack, long sentNanos, long nowNanos) {
    int second = (int) ((nowNanos - startNanos) / 1_000_000_000L);
    if (second < acceptedPerSecond.length()) acceptedPerSecond.addAndGet(second, ack.accepted());
    if (ack.rejected() > 0) {
      rejected.add(ack.rejected());
      if (firstRejection == null) firstRejection = ack.firstError();
    }
    if (inWindow(sentNanos)) LatencySummary.record(ackMicros, nowNanos - sentNanos);
  }

  void failed(String kind) {
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** A failure of a kind whose first occurrence is worth quoting (the exception's message, say). */
  void failed(String kind, String detail) {
    failed(kind);
    if (detail != null) details.putIfAbsent(kind, detail);
  }

  void pushed() {
    pushes.increment();
  }

  boolean inWindow(long nanos) {
    return nanos >= windowStartNanos && nanos < windowEndNanos;
  }

  /** Accepted samples per second over the seconds [from, to) of the run. */
  double acceptedPerSecond(int from, int to) {
    return mean(acceptedPerSecond, from, to);
  }

  /** Samples sent per second over the seconds [from, to) of the run. */
  double offeredPerSecond(int from, int to) {
    return mean(offeredPerSecond, from, to);
  }

  private static double mean(AtomicLongArray perSecond, int from, int to) {
    long sum = 0;
    for (int s = Math.max(0, from); s < to && s < perSecond.length(); s++) sum += perSecond.get(s);
    return sum / (double) Math.max(1, to - from);
  }

  /** The slowest whole second of the measured window. */
  long worstSecond(int from, int to) {
    long worst = Long.MAX_VALUE;
    for (int s = from; s < to && s < acceptedPerSecond.length(); s++) worst = Math.min(worst, acceptedPerSecond.get(s));
    return worst == Long.MAX_VALUE ? 0 : worst;
  }

  LatencySummary ackSummary(double seconds) {
    return LatencySummary.of(ackMicros.copy(), 0, seconds);
  }

  long rejected() {
    return rejected.sum();
  }

  long pushes() {
    return pushes.sum();
  }

  String firstRejection() {
    return firstRejection;
  }

  long failureCount() {
    return failures.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Failures by kind, e.g. {@code {http 503=12, ws closed 1011=1}}, with the first detail of a kind if known. */
  Map<String, String> failuresByKind() {
    Map<String, String> byKind = new TreeMap<>();
    failures.forEach((kind, n) -> byKind.put(kind, n.sum() + (details.containsKey(kind) ? " (first: "
        + details.get(kind) + ")" : "")));
    return byKind;
  }
}
