package io.limbic.projections.matching;

import io.limbic.projections.db.UserEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps {@code user_decision}: one exactly-once projection per user tag. */
public final class DecisionsProjection {
  public static final String NAME = "user-decisions";

  private DecisionsProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    UserEventProjections.init(system, NAME, dataSource, DecisionsProjectionHandler::new);
  }
}
