package io.limbic.analytics.session.emotion;

import java.util.List;

/**
 * When a reading is worth persisting as {@code EmotionDetected}. Readings are taken many times a second; the journal
 * should record changes a person would care about, not every wobble.
 * <ul>
 *   <li>Nothing is persisted below {@code minConfidence}: an unsure change is not a change.</li>
 *   <li>A different state than the last persisted one is persisted once it has been the top state for
 *       {@code minStableMs} (flicker between two close states is not a change). Rage skips the wait: the escalation
 *       hot path must not be delayed, and rage is rarely a flicker.</li>
 *   <li>The same state is persisted again when its confidence crosses one of {@code levels} upward, or falls below
 *       a level by more than {@code hysteresis} (so hovering around a level does not write repeatedly).</li>
 * </ul>
 */
public record EmotionChangePolicy(double minConfidence, List<Double> levels, double hysteresis, long minStableMs) {

  public EmotionChangePolicy {
    levels = List.copyOf(levels);
    if (!(minConfidence >= 0 && minConfidence <= 1)) throw new IllegalArgumentException("minConfidence in [0,1]");
    if (!(hysteresis >= 0 && hysteresis < 0.5)) throw new IllegalArgumentException("hysteresis in [0,0.5)");
    if (minStableMs < 0) throw new IllegalArgumentException("minStableMs must not be negative");
    for (double level : levels) if (!(level > 0 && level < 1)) throw new IllegalArgumentException("levels in (0,1)");
  }

  /** 0.85 is the level the escalation issue uses for rage alerts, so crossing it must be on the journal. */
  public static EmotionChangePolicy defaults() {
    return new EmotionChangePolicy(0.5, List.of(0.85), 0.05, 1000);
  }

  /**
   * @param lastPersisted the last persisted reading, null if none
   * @param current the new reading
   * @param currentSince since when {@code current.state()} has been the top state
   */
  public boolean shouldPersist(EmotionReading lastPersisted, EmotionReading current, long currentSince) {
    return shouldPersist(lastPersisted, current.state(), current.confidence(), current.at(), currentSince);
  }

  /** The same rule for a reading not written out yet: its state, confidence and session time. */
  public boolean shouldPersist(EmotionReading lastPersisted, EmotionalState state, double confidence, long at,
      long currentSince) {
    if (confidence < minConfidence) return false;
    if (lastPersisted == null || lastPersisted.state() != state) {
      return state == EmotionalState.RAGE || at - currentSince >= minStableMs;
    }
    double before = lastPersisted.confidence();
    double now = confidence;
    for (double level : levels) {
      if (before < level && now >= level) return true;
      if (before >= level && now < level - hysteresis) return true;
    }
    return false;
  }
}
