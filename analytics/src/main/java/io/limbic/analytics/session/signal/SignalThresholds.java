package io.limbic.analytics.session.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tenant's frustration-signal thresholds. All comparisons are inclusive: a value exactly at a threshold counts
 * (3 clicks at exactly 1000 ms spacing and exactly 30 px from the first are a rage click; 1001 ms is not).
 *
 * @param rageMinClicks clicks in a burst. Default 3, 1000 ms, 30 px: PostHog's rage-click default
 *     (posthog-js autocapture). Amplitude uses 4 clicks within 1 s and 50 px; Datadog RUM "more than 3 clicks in 1 s"
 *     (see {@link #amplitude()}, {@link #datadog()}).
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
 */
public record SignalThresholds(
    int rageMinClicks, long rageMaxGapMs, double rageMaxRadiusPx,
    long deadClickWindowMs, long errorClickWindowMs,
    int thrashMinReversals, long thrashWindowMs, double thrashMinTravelPx,
    long scrollWindowMs, int scrollMinReversals, double scrollMinDistancePx, double scrollBaselineFactor,
    long quickBackWindowMs, double selectionMinDragPx, Set<String> ignoredTargets) {

  public SignalThresholds {
    ignoredTargets = ignoredTargets == null ? Set.of() : Set.copyOf(ignoredTargets);
  }

  public static SignalThresholds defaults() {
    return new SignalThresholds(3, 1000, 30, 2500, 1000, 10, 2000, 8, 3000, 3, 3000, 3, 5000, 10, Set.of());
  }

  /** Amplitude's rage click: 4 clicks within one second, within 50 px. */
  public static SignalThresholds amplitude() {
    return defaults().withRage(4, 1000, 50);
  }

  /** Datadog RUM: more than 3 clicks in 1 s on the same element; approximated as 4 clicks and a generous radius. */
  public static SignalThresholds datadog() {
    return defaults().withRage(4, 1000, 100);
  }

  public SignalThresholds withRage(int minClicks, long maxGapMs, double maxRadiusPx) {
    return new SignalThresholds(minClicks, maxGapMs, maxRadiusPx, deadClickWindowMs, errorClickWindowMs,
        thrashMinReversals, thrashWindowMs, thrashMinTravelPx, scrollWindowMs, scrollMinReversals,
        scrollMinDistancePx, scrollBaselineFactor, quickBackWindowMs, selectionMinDragPx, ignoredTargets);
  }

  public SignalThresholds withIgnoredTargets(Set<String> targets) {
    return new SignalThresholds(rageMinClicks, rageMaxGapMs, rageMaxRadiusPx, deadClickWindowMs, errorClickWindowMs,
        thrashMinReversals, thrashWindowMs, thrashMinTravelPx, scrollWindowMs, scrollMinReversals,
        scrollMinDistancePx, scrollBaselineFactor, quickBackWindowMs, selectionMinDragPx, targets);
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
    if (rageMinClicks < 2 || rageMinClicks > 50) errors.add("rageMinClicks must be 2..50");
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
    if (ignoredTargets.size() > 1000) errors.add("at most 1000 ignoredTargets");
    return errors;
  }

  private static void positive(List<String> errors, String name, double value, double max) {
    // Written as a negated range so NaN fails too.
    if (!(value > 0 && value <= max)) errors.add(name + " must be > 0 and <= " + (long) max);
  }
}
