package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/**
 * The data a churn-risk assessment rests on. Durations are whole seconds; counts are within the window, except
 * {@code activePeriods} (ever).
 *
 * @param lastActiveAt the last activity the entity knew of (null: never active)
 * @param absenceSeconds from the last activity to the assessment
 * @param lastGapSeconds the gap before the latest active period (0 before a second period)
 * @param typicalGapSeconds the median of the latest {@code gapsObserved} gaps, or the prior when
 *     {@code typicalGapIsPrior}
 */
public record EngagementData(
    long activePeriods, int periodsInWindow, Instant lastActiveAt, long absenceSeconds, long lastGapSeconds,
    long typicalGapSeconds, int gapsObserved, boolean typicalGapIsPrior, int frustrations, int contentments,
    int losses, int wins, long windowSeconds, Instant assessedAt) implements CborSerializable {}
