package io.limbic.projections.matching;

import io.limbic.projections.db.UserEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps {@code daily_matches} and {@code match_log}: one exactly-once projection per user tag. */
public final class MatchesProjection {
  public static final String NAME = "daily-matches";

  private MatchesProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    UserEventProjections.init(system, NAME, dataSource, MatchesProjectionHandler::new);
  }
}
