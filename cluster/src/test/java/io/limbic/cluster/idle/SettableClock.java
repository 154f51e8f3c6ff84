package io.limbic.cluster.idle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, and can make fail a number of times (a failure inside an actor's handler). */
final class SettableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final AtomicInteger failures = new AtomicInteger();

  SettableClock(Instant start) {
    now = new AtomicReference<>(start);
  }

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  /** The next {@code times} readings throw. */
  void failNext(int times) {
    failures.set(times);
  }

  @Override
  public Instant instant() {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new IllegalStateException("clock failure (test)");
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
