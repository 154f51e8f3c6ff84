package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.intervention.InterventionPush;

/**
 * What a session pushes to its live WebSockets: the {@code type} says which payload is set. {@code census} is not
 * sent to the browser: it asks each socket to name itself to the session entity again (its socket count is held in
 * memory and starts empty after a passivation or a move).
 */
public record SessionPush(String type, EmotionView emotion, InterventionPush intervention)
    implements CborSerializable {
  public static final String CENSUS = "census";

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

  public static SessionPush census() {
    return new SessionPush(CENSUS, null);
  }

  /** Static, so that the JSON the browser gets has no property for it. */
  public static boolean isCensus(SessionPush push) {
    return CENSUS.equals(push.type());
  }
}
