package io.limbic.projections.activity;

import io.limbic.projections.db.UserEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps {@code user_activity}, each user's current or latest active period. */
public final class UserActivityProjection {
  public static final String NAME = "user-activity";

  private UserActivityProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    UserEventProjections.init(system, NAME, dataSource, UserActivityProjectionHandler::new);
  }
}
