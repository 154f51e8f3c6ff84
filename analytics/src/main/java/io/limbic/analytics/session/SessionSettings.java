package io.limbic.analytics.session;

import io.limbic.analytics.session.emotion.EmotionChangePolicy;
import io.limbic.analytics.session.physics.SessionPhysics;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.analytics.session.telemetry.ReorderBuffer;

/**
 * Everything a tenant or operator can tune about session analysis.
 *
 * @param signalWindowMs how far back signal counts feed the classifier; 15 s lets a burst colour the state for a
 *     while without making the state sticky
 * @param classifyEveryMs at most one classification per this much session time, plus one whenever a signal fires;
 *     classification per sample would be wasted work at 60 samples/s
 */
public record SessionSettings(
    ReorderBuffer.Settings reorder, long physicsWindowMs, long idleGapMs, SignalThresholds thresholds,
    long signalWindowMs, long classifyEveryMs, EmotionChangePolicy changePolicy) {

  public SessionSettings {
    if (physicsWindowMs < 1 || idleGapMs < 1 || signalWindowMs < 1 || classifyEveryMs < 0) {
      throw new IllegalArgumentException("windows must be positive");
    }
  }

  public static SessionSettings defaults() {
    return new SessionSettings(ReorderBuffer.Settings.defaults(), SessionPhysics.DEFAULT_WINDOW_MS,
        SessionPhysics.DEFAULT_IDLE_GAP_MS, SignalThresholds.defaults(), 15_000, 250, EmotionChangePolicy.defaults());
  }

  public SessionSettings withThresholds(SignalThresholds newThresholds) {
    return new SessionSettings(reorder, physicsWindowMs, idleGapMs, newThresholds, signalWindowMs, classifyEveryMs,
        changePolicy);
  }

  public SessionSettings withChangePolicy(EmotionChangePolicy newPolicy) {
    return new SessionSettings(reorder, physicsWindowMs, idleGapMs, thresholds, signalWindowMs, classifyEveryMs,
        newPolicy);
  }
}
