package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;

/** What a session pushes to its live WebSocket: the {@code type} says which payload is set. */
public record SessionPush(String type, EmotionView emotion) implements CborSerializable {
  public static SessionPush emotion(EmotionView emotion) {
    return new SessionPush("emotion", emotion);
  }
}
