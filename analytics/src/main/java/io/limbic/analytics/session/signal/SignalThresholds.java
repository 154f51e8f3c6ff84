package io.limbic.analytics.session.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tenant's frustration-signal thresholds. All comparisons are inclusive: a value exactly at a threshold counts
 * (3 clicks at exactly 1000 ms spacing and exactly 30 px from the first are a rage click; 1001 ms is not).
 *
 * @param rageMinClicks clicks in a burst, at least 3 (two clicks are a double click, never rage). Default 3, 1000 ms,
 *     30 px: PostHog's rage-click default (posthog-js autocapture). The chain rule here (each gap within
 *     {@code rageMaxGapMs}, each click within a radius of the first) is PostHog's; it is not Amplitude's (the last 4
 *     clicks within 1 s in total, in a 50 px box, on one element) nor Datadog's (more than 3 clicks on one element
 *     in a 1 s sliding window), so the presets that resemble theirs carry neutral names
 *     ({@link #fourClicksIn50Px()}, {@link #fourClicksIn100Px()}).
 * @param rageMaxGapMs each click within this of the previous one
 * @param rageMaxRadiusPx each click within this of the burst's first click
 * @param deadClickWindowMs a click with no mutation, navigation or scroll within this is dead (default 2500 ms:
 *     PostHog's dead-click autocapture mutation threshold)
 * @param errorClickWindowMs a click followed by an error sample within this is an error click (default 1000 ms,
 *     issue 3)
 * @param thrashMinReversals direction reversals on one axis (default 10, issue 3)
 * @param thrashWindowMs ... within this (default 2000 ms)
 * @param thrashMinTravelPx a reversal counts only after this much travel the other way, so sensor jitter and
 *     1 px wobble are not reversals (Limbic's choice, default 8 px)
 * @param scrollWindowMs span over which scrolling is judged (default 3000 ms)
 * @param scrollMinReversals scroll direction reversals in that span (default 3)
 * @param scrollMinDistancePx scroll distance in that span, absolute floor (default 3000 px)
 * @param scrollBaselineFactor ... and at least this many times the session's own baseline for such a span
 *     (default 3; Limbic's choice: "far above the session's own baseline")
 * @param quickBackWindowMs back to the previous URL within this (default 5000 ms, issue 3; the name follows
 *     Microsoft Clarity's "quick backs")
 * @param selectionMinDragPx a press-drag-release of at least this travel is a text selection, and a click that
 *     closes it (within 100 ms of release) is not a click for any detector (default 10 px)
 * @param ignoredTargets targets never counted; an entry ending in '*' matches by prefix
 * @param ragePrior the tenant's base rate of rage: the share of readings (moments of a session) in which a person is
 *     in rage, before any evidence. Default {@value #DEFAULT_RAGE_PRIOR}; see README "Rage you can trust" for where it
 *     comes from. The classifier was fitted on traces where every state is one sixth; its probabilities are moved to
 *     this prior by Bayes' rule. Must be in (0, 0.5].
 */
public record SignalThresholds(
    int rageMinClicks, long rageMaxGapMs, double rageMaxRadiusPx,
    long deadClickWindowMs, long errorClickWindowMs,
    int thrashMinReversals, long thrashWindowMs, double thrashMinTravelPx,
    long scrollWindowMs, int scrollMinReversals, double scrollMinDistancePx, double scrollBaselineFactor,
    long quickBackWindowMs, double selectionMinDragPx, Set<String> ignoredTargets, double ragePrior) {

  /**
   * About 5 % of sessions hold a rage-click episode (published session shares range from under 0.1 % to 6.9 %; 5 %
   * is FullStory's alert level), an episode colours about 15 s of readings (the signal window) and a session lasts
   * about 5 minutes: 0.05 x 15 / 300 = 0.0025.
   */
  public static final double DEFAULT_RAGE_PRIOR = 0.0025;

  public SignalThresholds {
    ignoredTargets = ignoredTargets == null ? Set.of() : Set.copyOf(ignoredTargets);
  }

  /** Thresholds at the default rage prior. */
  public SignalThresholds(
      int rageMinClicks, long rageMaxGapMs, double rageMaxRadiusPx,
      long deadClickWindowMs, long errorClickWindowMs,
      int thrashMinReversals, long thrashWindowMs, double thrashMinTravelPx,
      long scrollWindowMs, int scrollMinReversals, double scrollMinDistancePx, double scrollBaselineFactor,
      long quickBackWindowMs, double selectionMinDragPx, Set<String> ignoredTargets) {
    this(rageMinClicks, rageMaxGapMs, rageMaxRadiusPx, deadClickWindowMs, errorClickWindowMs, thrashMinReversals,
        thrashWindowMs, thrashMinTravelPx, scrollWindowMs, scrollMinReversals, scrollMinDistancePx,
        scrollBaselineFactor, quickBackWindowMs, selectionMinDragPx, ignoredTargets, DEFAULT_RAGE_PRIOR);
  }

  public static SignalThresholds defaults() {
    return new SignalThresholds(3, 1000, 30, 2500, 1000, 10, 2000, 8, 3000, 3, 3000, 3, 5000, 10, Set.of(),
        DEFAULT_RAGE_PRIOR);
  }

  /** 4 clicks, each within 1 s of the previous and within 50 px of the first (close to, but not, Amplitude's rule). */
  public static SignalThresholds fourClicksIn50Px() {
    return defaults().withRage(4, 1000, 50);
  }

  /** 4 clicks, each within 1 s of the previous and within 100 px of the first (not Datadog's sliding window). */
  public static SignalThresholds fourClicksIn100Px() {
    return defaults().withRage(4, 1000, 100);
  }

  public SignalThresholds withRage(int minClicks, long maxGapMs, double maxRadiusPx) {
    return new SignalThresholds(minClicks, maxGapMs, maxRadiusPx, deadClickWindowMs, errorClickWindowMs,
        thrashMinReversals, thrashWindowMs, thrashMinTravelPx, scrollWindowMs, scrollMinReversals,
        scrollMinDistancePx, scrollBaselineFactor, quickBackWindowMs, selectionMinDragPx, ignoredTargets, ragePrior);
  }

  public SignalThresholds withIgnoredTargets(Set<String> targets) {
    return new SignalThresholds(rageMinClicks, rageMaxGapMs, rageMaxRadiusPx, deadClickWindowMs, errorClickWindowMs,
        thrashMinReversals, thrashWindowMs, thrashMinTravelPx, scrollWindowMs, scrollMinReversals,
        scrollMinDistancePx, scrollBaselineFactor, quickBackWindowMs, selectionMinDragPx, targets, ragePrior);
  }

  public SignalThresholds withRagePrior(double prior) {
    return new SignalThresholds(rageMinClicks, rageMaxGapMs, rageMaxRadiusPx, deadClickWindowMs, errorClickWindowMs,
        thrashMinReversals, thrashWindowMs, thrashMinTravelPx, scrollWindowMs, scrollMinReversals,
        scrollMinDistancePx, scrollBaselineFactor, quickBackWindowMs, selectionMinDragPx, ignoredTargets, prior);
  }

  public boolean ignores(String target) {
    if (target == null || ignoredTargets.isEmpty()) return false;
    for (String rule : ignoredTargets) {
      if (rule.endsWith("*") ? target.startsWith(rule.substring(0, rule.length() - 1)) : target.equals(rule)) {
        return true;
      }
    }
    return false;
  }

  /** Everything wrong with these values, for a 400 answer; empty when they are usable. */
  public List<String> validate() {
    List<String> errors = new ArrayList<>();
    if (rageMinClicks < 3 || rageMinClicks > 50) errors.add("rageMinClicks must be 3..50");
    positive(errors, "rageMaxGapMs", rageMaxGapMs, 60_000);
    positive(errors, "rageMaxRadiusPx", rageMaxRadiusPx, 10_000);
    positive(errors, "deadClickWindowMs", deadClickWindowMs, 60_000);
    positive(errors, "errorClickWindowMs", errorClickWindowMs, 60_000);
    if (thrashMinReversals < 2 || thrashMinReversals > 1000) errors.add("thrashMinReversals must be 2..1000");
    positive(errors, "thrashWindowMs", thrashWindowMs, 60_000);
    positive(errors, "thrashMinTravelPx", thrashMinTravelPx, 10_000);
    positive(errors, "scrollWindowMs", scrollWindowMs, 600_000);
    if (scrollMinReversals < 1 || scrollMinReversals > 1000) errors.add("scrollMinReversals must be 1..1000");
    positive(errors, "scrollMinDistancePx", scrollMinDistancePx, 10_000_000);
    if (!(scrollBaselineFactor >= 1 && scrollBaselineFactor <= 100)) errors.add("scrollBaselineFactor must be 1..100");
    positive(errors, "quickBackWindowMs", quickBackWindowMs, 600_000);
    positive(errors, "selectionMinDragPx", selectionMinDragPx, 10_000);
    for (String target : ignoredTargets) {
      if (target == null || target.isBlank() || target.length() > 512) {
        errors.add("ignoredTargets entries must be 1..512 characters");
        break;
      }
    }
    if (!(ragePrior > 0 && ragePrior <= 0.5)) errors.add("ragePrior must be > 0 and <= 0.5");
    if (ignoredTargets.size() > 1000) errors.add("at most 1000 ignoredTargets");
    return errors;
  }

  private static void positive(List<String> errors, String name, double value, double max) {
    // Written as a negated range so NaN fails too.
    if (!(value > 0 && value <= max)) errors.add(name + " must be > 0 and <= " + (long) max);
  }
}
