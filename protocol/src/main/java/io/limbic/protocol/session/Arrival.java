package io.limbic.protocol.session;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a telemetry message reached the server: stamped at the HTTP or WebSocket entry, before the message is read
 * or parsed, and carried in the command so that detection latency counts parsing, asks and mailbox time too. On the
 * node that stamped it the monotonic clock is used; a command that crossed to another node falls back on the wall
 * clocks of the two (as good as their synchronisation, never negative).
 *
 * @param jvm which JVM stamped it (random per JVM)
 * @param nanos {@link System#nanoTime()} there
 * @param epochMicros the wall clock there, in microseconds since the epoch
 */
public record Arrival(long jvm, long nanos, long epochMicros) {
  private static final long THIS_JVM = ThreadLocalRandom.current().nextLong();

  public static Arrival now() {
    return new Arrival(THIS_JVM, System.nanoTime(), epochMicros(Instant.now()));
  }

  /** The arrival on this JVM's monotonic clock, to compare with {@link System#nanoTime()} here. */
  public long localNanos() {
    if (jvm == THIS_JVM) return nanos;
    long elapsedNanos = Math.max(0, (epochMicros(Instant.now()) - epochMicros) * 1_000);
    return System.nanoTime() - elapsedNanos;
  }

  private static long epochMicros(Instant at) {
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
  }
}
