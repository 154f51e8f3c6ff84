package io.limbic.loadtest;

import java.util.Random;

/**
 * One benchmark session: a browser tab replaying library traces back to back, in real time, on a client clock that
 * runs with the wall clock (the server lets session time pass by its own clock between batches, so the two must
 * agree). A flush sends every sample whose time has come since the last one, as an SDK flushing its buffer does.
 * A troubled session alternates ordinary traces with trouble; an ordinary one never leaves the ordinary pool.
 */
final class SessionPlayback {
  static final int MIN_PAUSE_MS = 500;
  static final int PAUSE_SPREAD_MS = 2_500;
  static final double MEAN_PAUSE_MS = MIN_PAUSE_MS + PAUSE_SPREAD_MS / 2.0;
  private static final byte[] COMMA = {','};

  final String sessionId;
  final String userId;
  final long startNanos;
  private final long clientStartMs;
  private final TraceLibrary library;
  private final Random rnd;
  private final boolean troubled;
  private RecordedTrace trace;
  private int index;
  private long baseMs;
  private long sent;
  private boolean troubleNext;

  SessionPlayback(String sessionId, String userId, long startNanos, long clientStartMs, TraceLibrary library,
      Random rnd, boolean troubled) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.startNanos = startNanos;
    this.clientStartMs = clientStartMs;
    this.library = library;
    this.rnd = rnd;
    this.troubled = troubled;
    // Join each session somewhere inside its first trace, so that at any moment of the run sessions are at all
    // stages of their traces, as in a steady state, rather than all starting fresh together.
    boolean troubleFirst = troubled && rnd.nextBoolean();
    this.trace = troubleFirst ? library.trouble(rnd) : library.ordinary(rnd);
    this.troubleNext = troubled && !troubleFirst;
    this.index = rnd.nextInt(trace.size());
    this.baseMs = clientStartMs - trace.offsetsMs()[index];
  }

  boolean started(long nowNanos) {
    return nowNanos >= startNanos;
  }

  boolean firstBatch() {
    return sent == 0;
  }

  long sent() {
    return sent;
  }

  /**
   * Appends, as comma-separated JSON objects, the samples whose client time has come by {@code nowNanos} and were
   * not sent yet, at most {@code cap} of them (but never splitting samples with equal times, which the server would
   * take as late); returns how many.
   */
  int appendDue(BatchBytes out, long nowNanos, int cap) {
    return takeDue(nowNanos, cap, (trace, i, t, first) -> {
      if (!first) out.append(COMMA);
      trace.write(i, t, out);
    });
  }

  /** What {@link #takeDue} hands over: sample {@code i} of {@code trace} at client time {@code t}. */
  interface DueSample {
    void take(RecordedTrace trace, int i, long t, boolean first);
  }

  /** The samples {@link #appendDue} would write, one by one, in order; returns how many. */
  int takeDue(long nowNanos, int cap, DueSample sink) {
    if (nowNanos < startNanos) return 0;
    long clientNow = clientStartMs + (nowNanos - startNanos) / 1_000_000;
    int count = 0;
    long lastT = Long.MIN_VALUE;
    while (true) {
      if (index == trace.size()) nextTrace();
      long t = baseMs + trace.offsetsMs()[index];
      if (t > clientNow || (count >= cap && t != lastT)) break;
      sink.take(trace, index, t, count == 0);
      index++;
      count++;
      lastT = t;
    }
    sent += count;
    return count;
  }

  private void nextTrace() {
    baseMs += trace.durationMs() + MIN_PAUSE_MS + rnd.nextInt(PAUSE_SPREAD_MS);
    trace = troubleNext ? library.trouble(rnd) : library.ordinary(rnd);
    troubleNext = troubled && !troubleNext;
    index = 0;
  }
}
