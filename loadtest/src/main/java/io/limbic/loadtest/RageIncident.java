package io.limbic.loadtest;

import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.evaluation.TraceGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * One high-value user's raging session: rage traces of the analytics module's seeded generator on a client clock
 * that runs with the wall clock, posted as an SDK does, one batch per second of client time, each sent when its
 * second is over. The batch after whose acknowledgement the session first reads rage at the policy's confidence is
 * the one that completed the rage; its send time starts the clock.
 */
final class RageIncident {
  static final long BATCH_MS = 1_000;
  /** A trace that never reads rage is followed by another, at most this many in all. */
  static final int MAX_TRACES = 3;

  final String userId;
  final String sessionId;
  private final long seed;
  private final List<RecordedTrace> traces = new ArrayList<>();
  private final List<Long> traceStartMs = new ArrayList<>();
  private long clientStartMs;
  private long startNanos;
  private final List<Long> sentNanos = new ArrayList<>();
  private volatile int completingBatch = -1;
  private volatile boolean gaveUp;

  RageIncident(String userId, String sessionId, long seed) {
    this.userId = userId;
    this.sessionId = sessionId;
    this.seed = seed;
  }

  void start() {
    startNanos = System.nanoTime();
    clientStartMs = System.currentTimeMillis();
    addTrace();
  }

  /** Another rage trace after the ones sent, one second later; false when the user has had {@link #MAX_TRACES}. */
  boolean addTrace() {
    if (traces.size() == MAX_TRACES) return false;
    RecordedTrace trace = RecordedTrace.of(new TraceGenerator(seed + 7919L * traces.size())
        .generate(EmotionalState.RAGE), 0);
    long at = traces.isEmpty() ? 0 : endMs() + BATCH_MS;
    traces.add(trace);
    traceStartMs.add(at);
    return true;
  }

  /** Batches of client time sent so far and to come. */
  int batches() {
    return (int) (endMs() / BATCH_MS) + 1;
  }

  /** When batch {@code k} is due: the end of its second. */
  long dueNanos(int k) {
    return startNanos + (k + 1) * BATCH_MS * 1_000_000L;
  }

  /** The JSON body of batch {@code k}: the samples whose client time falls in its second. */
  byte[] body(int k) {
    BatchBytes out = new BatchBytes();
    out.append('{');
    if (k == 0) out.append(BatchBytes.ascii("\"userId\":\"" + userId + "\","));
    out.append(BatchBytes.ascii("\"samples\":["));
    long from = k * BATCH_MS;
    long to = from + BATCH_MS;
    boolean first = true;
    for (int i = 0; i < traces.size(); i++) {
      RecordedTrace trace = traces.get(i);
      long base = traceStartMs.get(i);
      for (int s = 0; s < trace.size(); s++) {
        long offset = base + trace.offsetsMs()[s];
        if (offset < from || offset >= to) continue;
        if (!first) out.append(',');
        trace.write(s, clientStartMs + offset, out);
        first = false;
      }
    }
    out.append(']').append('}');
    return java.util.Arrays.copyOf(out.array(), out.length());
  }

  synchronized void sent(int k, long nanos) {
    while (sentNanos.size() <= k) sentNanos.add(-1L);
    sentNanos.set(k, nanos);
  }

  /** Batch {@code k} was the first after whose ack the session read rage at the policy's confidence. */
  void completedBy(int k) {
    completingBatch = k;
  }

  /** The batch after which the session first read escalation-grade rage, or -1. */
  int completingBatch() {
    return completingBatch;
  }

  /** When batch {@code k} was sent (client side), or -1. */
  synchronized long sentNanos(int k) {
    return k < 0 || k >= sentNanos.size() ? -1 : sentNanos.get(k);
  }

  void giveUp() {
    gaveUp = true;
  }

  boolean finished() {
    return gaveUp || completingBatch >= 0;
  }

  private long endMs() {
    int last = traces.size() - 1;
    return traceStartMs.get(last) + traces.get(last).durationMs();
  }
}
