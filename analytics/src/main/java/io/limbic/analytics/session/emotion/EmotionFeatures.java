package io.limbic.analytics.session.emotion;

import io.limbic.analytics.session.physics.MotionFigures;
import io.limbic.analytics.session.physics.PhysicsSnapshot;
import io.limbic.analytics.session.signal.SignalKind;
import java.util.List;
import java.util.Map;

/**
 * What the classifier looks at, each value on a scale where a unit step means about the same to it. Counts are
 * capped (the fifth rage burst says little the third did not) and heavy-tailed physics is log-scaled, so one outlier
 * cannot dominate a linear model. Signal counts cover the signal window; physics covers the physics window.
 *
 * @param rageBursts rage-click bursts in the signal window, capped at 4
 * @param burstClicks log(1 + clicks) of the longest click chain (same spot, quick succession) in the signal window
 * @param answeredClicks page responses (mutation, navigation) per click in the signal window, capped at 1; 1 when
 *     there were no clicks. Fast clicks that the page answers (a quantity stepper) are not rage.
 * @param hammering clicks beyond two in the longest chain, times the share of clicks left unanswered, capped at 6:
 *     the one interaction the linear model needs, because a long chain is rage when the page ignores it and a
 *     quantity stepper when it answers
 * @param decisionSection 1 when the current section is one where hesitation means decision anxiety
 */
public record EmotionFeatures(
    double rageBursts,
    double burstClicks,
    double deadClicks,
    double errorClicks,
    double thrashes,
    double excessiveScrolls,
    double quickBacks,
    double clickRate,
    double speed,
    double jerk,
    double directionEntropy,
    double pathEfficiency,
    double idleFraction,
    double scrollSpeed,
    double answeredClicks,
    double hammering,
    double decisionSection) {

  public static final List<String> NAMES = List.of("rageBursts", "burstClicks", "deadClicks", "errorClicks",
      "thrashes", "excessiveScrolls", "quickBacks", "clickRate", "speed", "jerk", "directionEntropy",
      "pathEfficiency", "idleFraction", "scrollSpeed", "answeredClicks", "hammering",
      "decisionSection");

  public static EmotionFeatures of(PhysicsSnapshot physics, Map<SignalKind, Integer> recentSignals,
      int longestClickChain, int recentClicks, int recentResponses, boolean decisionSection) {
    MotionFigures w = physics.window();
    double answered = recentClicks == 0 ? 1 : Math.min(1, (double) recentResponses / recentClicks);
    return new EmotionFeatures(
        capped(recentSignals, SignalKind.RAGE_CLICK, 4),
        Math.log1p(longestClickChain),
        capped(recentSignals, SignalKind.DEAD_CLICK, 4),
        capped(recentSignals, SignalKind.ERROR_CLICK, 4),
        capped(recentSignals, SignalKind.THRASHED_CURSOR, 3),
        capped(recentSignals, SignalKind.EXCESSIVE_SCROLL, 3),
        capped(recentSignals, SignalKind.QUICK_BACK, 3),
        Math.log1p(w.clickRatePerS()),
        Math.log1p(w.meanSpeedPxS() / 100),
        Math.log1p(w.meanAbsJerkPxS3() / 100_000),
        w.directionEntropyBits(),
        w.pathEfficiency(),
        Math.min(1, (double) w.idleMs() / physics.windowMs()),
        Math.log1p(w.scrollSpeedPxS() / 100),
        answered,
        Math.min(6, Math.max(0, longestClickChain - 2) * (1 - answered)),
        decisionSection ? 1 : 0);
  }

  public double[] toVector() {
    return new double[] {rageBursts, burstClicks, deadClicks, errorClicks, thrashes, excessiveScrolls, quickBacks,
        clickRate, speed, jerk, directionEntropy, pathEfficiency, idleFraction, scrollSpeed, answeredClicks, hammering,
        decisionSection};
  }

  private static double capped(Map<SignalKind, Integer> counts, SignalKind kind, int cap) {
    return Math.min(cap, counts.getOrDefault(kind, 0));
  }
}
