package io.limbic.analytics.session;

import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.signal.SignalEvent;
import java.util.List;

/**
 * What feeding samples changed, i.e. what the session entity should persist.
 *
 * @param accepted samples taken into the reorder buffer
 * @param rejections per rejected sample, its index in the offered list and why
 * @param signals signals that became certain
 * @param emotionChanges readings the change policy deems worth persisting, oldest first
 */
public record SessionUpdate(
    int accepted, List<Rejection> rejections, List<SignalEvent> signals, List<EmotionReading> emotionChanges) {

  public record Rejection(int index, String reason) {}

  public SessionUpdate {
    rejections = List.copyOf(rejections);
    signals = List.copyOf(signals);
    emotionChanges = List.copyOf(emotionChanges);
  }

  public boolean changed() {
    return !signals.isEmpty() || !emotionChanges.isEmpty();
  }
}
