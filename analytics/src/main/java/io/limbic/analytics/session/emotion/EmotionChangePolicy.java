package io.limbic.analytics.session.emotion;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * When a reading is worth persisting as {@code EmotionDetected}. Readings are taken many times a second; the journal
 * should record changes a person would care about, not every wobble.
 * <ul>
 *   <li>Nothing is persisted below {@code minConfidence}: an unsure change is not a change.</li>
 *   <li>A different state than the last persisted one is persisted once it has been the top state for
 *       {@code minStableMs} (flicker between two close states is not a change). Rage skips the wait: the escalation
 *       hot path must not be delayed, and rage is rarely a flicker.</li>
 *   <li>The same state is persisted again when its confidence crosses one of <em>that state's</em> {@code levels}
 *       upward, or falls below one by more than {@code hysteresis} (so hovering around a level does not write
 *       repeatedly). A state's levels are the confidences something acts on: an escalation policy's trigger, an
 *       intervention context's {@code minConfidence} ({@link #withLevel}). A state nothing acts on above its first
 *       reading is not written again until it changes: its confidence wobbling across a level is no news.</li>
 * </ul>
 *
 * @param levels per state, ascending; a state without an entry has none
 */
public record EmotionChangePolicy(
    double minConfidence, Map<EmotionalState, List<Double>> levels, double hysteresis, long minStableMs) {

  /** 0.85 is the level the default escalation policy acts on for rage, so crossing it must be on the journal. */
  public static final double RAGE_LEVEL = 0.85;

  public EmotionChangePolicy {
    if (!(minConfidence >= 0 && minConfidence <= 1)) throw new IllegalArgumentException("minConfidence in [0,1]");
    if (!(hysteresis >= 0 && hysteresis < 0.5)) throw new IllegalArgumentException("hysteresis in [0,0.5)");
    if (minStableMs < 0) throw new IllegalArgumentException("minStableMs must not be negative");
    Map<EmotionalState, List<Double>> sorted = new EnumMap<>(EmotionalState.class);
    levels.forEach((state, of) -> {
      for (double level : of) if (!(level > 0 && level < 1)) throw new IllegalArgumentException("levels in (0,1)");
      if (!of.isEmpty()) sorted.put(state, List.copyOf(new TreeSet<>(of)));
    });
    levels = Map.copyOf(sorted);
  }

  public static EmotionChangePolicy defaults() {
    return new EmotionChangePolicy(0.5, Map.of(EmotionalState.RAGE, List.of(RAGE_LEVEL)), 0.05, 1000);
  }

  /**
   * This policy with one more level for {@code state}: a confidence something acts on. A level at or below
   * {@code minConfidence}, or at 1 and above, adds nothing (the state's first confident reading is persisted anyway;
   * no reading exceeds 1).
   */
  public EmotionChangePolicy withLevel(EmotionalState state, double level) {
    if (!(level > minConfidence && level < 1)) return this;
    Map<EmotionalState, List<Double>> more = new EnumMap<>(EmotionalState.class);
    more.putAll(levels);
    List<Double> of = new ArrayList<>(levels.getOrDefault(state, List.of()));
    if (of.contains(level)) return this;
    of.add(level);
    more.put(state, of);
    return new EmotionChangePolicy(minConfidence, more, hysteresis, minStableMs);
  }

  /** The levels of this state, ascending. */
  public List<Double> levelsOf(EmotionalState state) {
    return levels.getOrDefault(state, List.of());
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
    for (double level : levelsOf(state)) {
      if (before < level && confidence >= level) return true;
      if (before >= level && confidence < level - hysteresis) return true;
    }
    return false;
  }
}
