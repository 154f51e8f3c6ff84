package io.limbic.projections.operations;

import java.time.Instant;
import java.util.List;

/**
 * Where a read model's projection stands. {@code lagMs} is the largest of its instances' lags; {@code offset} the
 * lowest journal ordering its instances have processed up to (null while one has processed nothing).
 */
public record ProjectionStatus(
    String name, State state, long lagMs, Long offset, List<Instance> instances, Rebuild rebuild) {

  public enum State { running, paused, rebuilding }

  /**
   * One projection instance (one tag). Its lag is how long the oldest event with its tag that it has not processed
   * has been in the journal (now minus that event's write time), 0 when it has processed every event of its tag.
   */
  public record Instance(String key, State state, Long offset, long lagMs) {}

  /** The latest rebuild: events of the read model's tags up to the start, and how many of them were replayed. */
  public record Rebuild(Instant startedAt, long processed, long total, boolean done) {}
}
