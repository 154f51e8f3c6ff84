package io.limbic.analytics.engagement;

import java.time.Duration;
import java.time.Instant;

/**
 * The data one assessment rests on, so that a reader can check it.
 *
 * @param activePeriods active periods ever started
 * @param periodsInWindow active periods started within the window
 * @param lastActiveAt the user's last activity (null: never active)
 * @param absence from the last activity to the assessment (zero when never active or active now)
 * @param lastGap the gap that ended the latest active period's start (zero before a second period)
 * @param typicalGap the median of the user's latest {@code gapsObserved} gaps, or the model's prior
 * @param typicalGapIsPrior true while fewer gaps than the model's minimum were observed
 * @param window how far back emotions, outcomes and periods are counted
 */
public record AssessmentBasis(
    long activePeriods, int periodsInWindow, Instant lastActiveAt, Duration absence, Duration lastGap,
    Duration typicalGap, int gapsObserved, boolean typicalGapIsPrior, int frustrations, int contentments,
    int losses, int wins, Duration window, Instant assessedAt) {}
