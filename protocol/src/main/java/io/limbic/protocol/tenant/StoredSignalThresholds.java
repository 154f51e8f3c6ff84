package io.limbic.protocol.tenant;

import io.limbic.protocol.CborSerializable;
import java.util.List;

/**
 * A tenant's frustration-signal thresholds as they are stored: every field present, already validated. The field
 * names are those of analytics' {@code SignalThresholds} and of the JSON the Map-based version 1 wrote, so events
 * journaled before this type existed read as it unchanged. {@code ignoredTargets} is sorted and never null.
 * {@code ragePrior} is null in events written before it existed (read as the default).
 */
public record StoredSignalThresholds(
    int rageMinClicks, long rageMaxGapMs, double rageMaxRadiusPx,
    long deadClickWindowMs, long errorClickWindowMs,
    int thrashMinReversals, long thrashWindowMs, double thrashMinTravelPx,
    long scrollWindowMs, int scrollMinReversals, double scrollMinDistancePx, double scrollBaselineFactor,
    long quickBackWindowMs, double selectionMinDragPx, List<String> ignoredTargets, Double ragePrior)
    implements CborSerializable {

  public StoredSignalThresholds {
    ignoredTargets = ignoredTargets == null ? List.of() : ignoredTargets.stream().sorted().toList();
  }
}
