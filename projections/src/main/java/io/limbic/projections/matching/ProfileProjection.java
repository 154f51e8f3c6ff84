package io.limbic.projections.matching;

import io.limbic.projections.db.UserEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps {@code user_profile} and {@code candidate_index}: one exactly-once projection per user tag. */
public final class ProfileProjection {
  public static final String NAME = "user-profiles";

  private ProfileProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    UserEventProjections.init(system, NAME, dataSource, ProfileProjectionHandler::new);
  }
}
