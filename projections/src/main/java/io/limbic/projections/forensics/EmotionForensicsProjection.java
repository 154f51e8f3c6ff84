package io.limbic.projections.forensics;

import io.limbic.projections.db.SessionEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Keeps {@code emotion_readings}, {@code emotion_volatility}, {@code emotion_time} and
 * {@code emotion_session_cursor} from the sessions' events: the emotions, EVI and weather forensics read them.
 */
public final class EmotionForensicsProjection {
  public static final String NAME = "emotion-forensics";

  private EmotionForensicsProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    SessionEventProjections.init(system, NAME, dataSource, EmotionForensicsProjectionHandler::new);
  }
}
