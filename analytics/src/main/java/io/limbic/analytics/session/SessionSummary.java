package io.limbic.analytics.session;

import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.physics.PhysicsSnapshot;
import java.util.Map;

/**
 * The live state of a session analysis, for {@code GET /v1/sessions/{id}}.
 *
 * @param samples samples integrated so far
 * @param signals totals by summary name ("rageClicks", ...)
 * @param emotion the latest reading, null before the first
 * @param emotionSince session time since which {@code emotion.state()} has held
 */
public record SessionSummary(
    long samples, PhysicsSnapshot physics, Map<String, Integer> signals, EmotionReading emotion, long emotionSince) {

  public SessionSummary {
    signals = Map.copyOf(signals);
  }
}
