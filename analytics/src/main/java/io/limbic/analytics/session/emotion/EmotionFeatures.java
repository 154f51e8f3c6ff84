package io.limbic.analytics.session.emotion;

import io.limbic.analytics.session.physics.MotionFigures;
import io.limbic.analytics.session.physics.PhysicsSnapshot;
import io.limbic.analytics.session.signal.SignalKind;
import java.util.List;
import java.util.Map;

/**
 * What the classifier looks at, each value on a scale where a unit step means about the same to it. Signal features
 * come from {@link RecentEvidence}: counts over the signal window, each weighted by its age (half-life
 * {@link RecentEvidence#DEFAULT_HALF_LIFE_MS}), then capped (the fifth rage burst says little the third did not).
 * Heavy-tailed physics is log-scaled, so one outlier cannot dominate a linear model. Physics covers the physics window
 * ending at the last sample. Which way each feature may push each state is fixed by {@link WeightSigns}.
 *
 * @param rageBursts age-weighted rage-click bursts, capped at 4
 * @param burstClicks log(1 + age-weighted clicks of the longest click chain on one spot)
 * @param hammering age-weighted clicks beyond the second in the longest chain, times the share of clicks the page left
 *     unanswered, capped at 6: the one interaction a linear model needs, because a long chain is rage when the page
 *     ignores it and a quantity stepper when it answers
 * @param selectionClicks age-weighted 1 when the longest chain is a double or triple click, which is how people
 *     select a word or a paragraph (and which the rage detector, at three clicks, also counts); 0 for longer chains.
 *     Free to raise calm: it lets the model say "that burst looked like text selection" without a rage burst ever
 *     pushing toward calm
 * @param answeredClicks page responses (mutation, navigation) per click in the signal window, capped at 1; 1 when
 *     there were no clicks. Fast clicks that the page answers (a quantity stepper) are not rage. For a client that
 *     does not observe mutations it is unknown and stands at {@value #UNMEASURED_ANSWERED} (about its training mean,
 *     i.e. no evidence either way), and so does its share in {@code hammering}.
 * @param quietFraction session time since the last sample of any kind, as a share of the physics window (capped at
 *     1): the pointer resting after a burst, which the window physics (frozen at the last sample) cannot see
 * @param directionEntropy window direction entropy in bits, or {@value #UNMEASURED_ENTROPY_BITS} (uninformative) when the
 *     window holds fewer than {@value #MIN_TURNS} pointer intervals: a pointer at rest is neither straight nor erratic
 * @param decisionSection 1 when the current section is one where hesitation means decision anxiety
 */
public record EmotionFeatures(
    double rageBursts,
    double burstClicks,
    double hammering,
    double selectionClicks,
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
    double quietFraction,
    double scrollSpeed,
    double answeredClicks,
    double decisionSection) {

  /** Fewer pointer intervals than this in the window say nothing about how erratic the pointer is. */
  static final int MIN_TURNS = 10;
  /** Stands in for direction entropy when it was not measured: about its mean over all states, i.e. no evidence. */
  static final double UNMEASURED_ENTROPY_BITS = 2.3;
  /** Stands in for answered clicks when the client does not report mutations: about its training mean. */
  static final double UNMEASURED_ANSWERED = 0.67;

  public static final List<String> NAMES = List.of("rageBursts", "burstClicks", "hammering", "selectionClicks",
      "deadClicks",
      "errorClicks", "thrashes", "excessiveScrolls", "quickBacks", "clickRate", "speed", "jerk", "directionEntropy",
      "pathEfficiency", "idleFraction", "quietFraction", "scrollSpeed", "answeredClicks", "decisionSection");

  /**
   * @param recent evidence already expired to {@code now}
   * @param now session time of the reading (at or after the last sample)
   */
  public static EmotionFeatures of(PhysicsSnapshot physics, RecentEvidence recent, long now, boolean decisionSection) {
    return of(physics, recent, now, decisionSection, true);
  }

  /** @param mutationsObserved whether the client reports mutations, without which answers to clicks are unknown */
  public static EmotionFeatures of(
      PhysicsSnapshot physics, RecentEvidence recent, long now, boolean decisionSection, boolean mutationsObserved) {
    MotionFigures w = physics.window();
    Map<SignalKind, Double> faded = recent.faded(now);
    int clicks = recent.clicks();
    double answered = clicks == 0 ? 1 : Math.min(1, (double) recent.responses() / clicks);
    if (!mutationsObserved && clicks > 0) answered = UNMEASURED_ANSWERED;
    double quiet = physics.samples() == 0 ? 0 : Math.max(0, now - physics.at()) / (double) physics.windowMs();
    return new EmotionFeatures(
        capped(faded, SignalKind.RAGE_CLICK, 4),
        Math.log1p(recent.fadedLongestChain(now)),
        Math.min(6, recent.fadedChainExcess(now) * (1 - answered)),
        recent.fadedSelectionChain(now),
        capped(faded, SignalKind.DEAD_CLICK, 4),
        capped(faded, SignalKind.ERROR_CLICK, 4),
        capped(faded, SignalKind.THRASHED_CURSOR, 3),
        capped(faded, SignalKind.EXCESSIVE_SCROLL, 3),
        capped(faded, SignalKind.QUICK_BACK, 3),
        Math.log1p(w.clickRatePerS()),
        Math.log1p(w.meanSpeedPxS() / 100),
        Math.log1p(w.meanAbsJerkPxS3() / 100_000),
        w.intervals() >= MIN_TURNS ? w.directionEntropyBits() : UNMEASURED_ENTROPY_BITS,
        w.pathEfficiency(),
        Math.min(1, (double) w.idleMs() / physics.windowMs()),
        Math.min(1, quiet),
        Math.log1p(w.scrollSpeedPxS() / 100),
        answered,
        decisionSection ? 1 : 0);
  }

  public double[] toVector() {
    return new double[] {rageBursts, burstClicks, hammering, selectionClicks, deadClicks, errorClicks, thrashes, excessiveScrolls,
        quickBacks, clickRate, speed, jerk, directionEntropy, pathEfficiency, idleFraction, quietFraction, scrollSpeed,
        answeredClicks, decisionSection};
  }

  private static double capped(Map<SignalKind, Double> counts, SignalKind kind, double cap) {
    return Math.min(cap, counts.getOrDefault(kind, 0.0));
  }
}
