package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;

/**
 * A session's physics at one moment, as the journal keeps it (version 2 of {@link SessionEvent.SessionSummarized};
 * version 1 held the same fields as a JSON-like map).
 *
 * @param at session time of the newest sample taken into account
 * @param samples samples accepted so far (all types)
 * @param windowMs length of the sliding window
 * @param session figures over the whole session
 * @param window figures over the last {@code windowMs}
 */
public record PhysicsSummary(long at, long samples, long windowMs, Motion session, Motion window)
    implements CborSerializable {

  /** Kinematic and activity figures over one span (the whole session or the sliding window). */
  public record Motion(
      int intervals, double pathLengthPx, double meanSpeedPxS, double maxSpeedPxS, double meanAbsAccelPxS2,
      double meanAbsJerkPxS3, double meanCurvatureRadPerPx, double directionEntropyBits, double pathEfficiency,
      int idleGaps, long idleMs, int clicks, double clickRatePerS, int scrolls, double scrollDistancePx,
      double scrollSpeedPxS) implements CborSerializable {}
}
