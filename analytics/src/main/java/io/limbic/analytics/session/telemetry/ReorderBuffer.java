package io.limbic.analytics.session.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Puts one session's samples back into time order. Batches over HTTP and a WebSocket can interleave, retries can
 * repeat samples, and client clocks jump; the physics needs a clean, strictly ordered stream.
 *
 * <p>Rules (all in client time, after any re-basing):
 * <ul>
 *   <li>A sample is held until the newest time seen is at least {@code windowMs} past it, then released in
 *       (t, arrival) order, so samples with equal t come out together in arrival order and "the last one wins"
 *       downstream. At most {@code maxHeld} samples are held; beyond that the oldest is released early, which bounds
 *       memory for a flooding client.</li>
 *   <li>A sample identical to one of the last {@code duplicateMemory} accepted samples is dropped as a duplicate.</li>
 *   <li>A sample at or before the last released time (but not a clock jump) is dropped as late: inserting it would
 *       rewrite history the physics has already integrated.</li>
 *   <li>A sample more than {@code clockJumpMs} behind the newest time seen means the client clock jumped backwards
 *       (sleep/resume, manual change, NTP step). Waiting for the old time line to come back would stall the stream,
 *       so everything held is released and the client time line is re-based: this sample is placed 1 ms after the
 *       newest time seen and later samples keep the same offset. A forward jump is indistinguishable from a real
 *       idle gap and is taken as one.</li>
 * </ul>
 */
public final class ReorderBuffer {

  /**
   * @param windowMs how long a sample waits for earlier ones; at least 1 so equal timestamps can be merged
   * @param maxHeld most samples held at once
   * @param clockJumpMs a backward step larger than this is a clock jump rather than a late sample
   * @param duplicateMemory how many recent samples are remembered for duplicate detection (at least maxHeld)
   */
  public record Settings(long windowMs, int maxHeld, long clockJumpMs, int duplicateMemory) {
    public Settings {
      if (windowMs < 1) throw new IllegalArgumentException("windowMs must be at least 1");
      if (maxHeld < 1) throw new IllegalArgumentException("maxHeld must be at least 1");
      if (clockJumpMs <= windowMs) throw new IllegalArgumentException("clockJumpMs must exceed windowMs");
      if (duplicateMemory < maxHeld) throw new IllegalArgumentException("duplicateMemory must be at least maxHeld");
    }

    /** 500 ms covers the usual HTTP/WebSocket interleaving without delaying detection noticeably. */
    public static Settings defaults() {
      return new Settings(500, 512, 10_000, 1024);
    }
  }

  /** What one offered sample caused: samples now released in order, or why the offered one was dropped. */
  public record Offer(List<TelemetrySample> released, Optional<String> dropped) {}

  private record Held(TelemetrySample sample, long seq) {}

  private static final Comparator<Held> ORDER =
      Comparator.comparingLong((Held h) -> h.sample().t()).thenComparingLong(Held::seq);

  private final Settings settings;
  private final PriorityQueue<Held> held = new PriorityQueue<>(ORDER);
  private final RecentSamples recent;
  private long offset;
  private long maxSeen = Long.MIN_VALUE;
  private long releasedUpTo = Long.MIN_VALUE;
  private long seq;
  private long duplicates;
  private long late;
  private long clockJumps;

  public ReorderBuffer(Settings settings) {
    this.settings = settings;
    this.recent = new RecentSamples(settings.duplicateMemory());
  }

  public Offer offer(TelemetrySample sample) {
    if (recent.contains(sample)) {
      duplicates++;
      return new Offer(List.of(), Optional.of("duplicate sample"));
    }
    List<TelemetrySample> out = new ArrayList<>();
    long t = sample.t() + offset;
    if (maxSeen != Long.MIN_VALUE && t < maxSeen - settings.clockJumpMs()) {
      releaseAll(out);
      offset += maxSeen + 1 - t;
      t = maxSeen + 1;
      clockJumps++;
    } else if (t <= releasedUpTo) {
      late++;
      return new Offer(List.of(), Optional.of("late: more than " + settings.windowMs() + " ms behind newer samples"));
    }
    recent.add(sample);
    held.add(new Held(sample.at(t), seq++));
    maxSeen = Math.max(maxSeen, t);
    releaseThrough(maxSeen - settings.windowMs(), out);
    while (held.size() > settings.maxHeld()) {
      TelemetrySample forced = held.poll().sample();
      releasedUpTo = Math.max(releasedUpTo, forced.t());
      out.add(forced);
    }
    return new Offer(out, Optional.empty());
  }

  /** Releases everything held, e.g. when the session goes quiet; later samples at or before this point are late. */
  public List<TelemetrySample> drain() {
    List<TelemetrySample> out = new ArrayList<>();
    releaseAll(out);
    return out;
  }

  public int heldCount() {
    return held.size();
  }

  public long duplicates() {
    return duplicates;
  }

  public long late() {
    return late;
  }

  public long clockJumps() {
    return clockJumps;
  }

  private void releaseAll(List<TelemetrySample> out) {
    if (maxSeen != Long.MIN_VALUE) releaseThrough(maxSeen, out);
  }

  private void releaseThrough(long watermark, List<TelemetrySample> out) {
    while (!held.isEmpty() && held.peek().sample().t() <= watermark) out.add(held.poll().sample());
    releasedUpTo = Math.max(releasedUpTo, watermark);
  }
}
