package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.intervention.InterventionPush;

/** What a session pushes to its live WebSocket: the {@code type} says which payload is set. */
public record SessionPush(String type, EmotionView emotion, InterventionPush intervention)
    implements CborSerializable {
  public SessionPush(String type, EmotionView emotion) {
    this(type, emotion, null);
  }

  public static SessionPush emotion(EmotionView emotion) {
    return new SessionPush("emotion", emotion, null);
  }

  /** An in-page intervention for the SDK to render. */
  public static SessionPush intervention(InterventionPush intervention) {
    return new SessionPush("intervention", null, intervention);
  }
}
