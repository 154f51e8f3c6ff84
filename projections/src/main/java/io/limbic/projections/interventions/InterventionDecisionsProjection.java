package io.limbic.projections.interventions;

import io.limbic.projections.db.UserEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps {@code intervention_decisions} and {@code intervention_feedback} from the users' intervention events. */
public final class InterventionDecisionsProjection {
  public static final String NAME = "intervention-decisions";

  private InterventionDecisionsProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    UserEventProjections.init(system, NAME, dataSource, InterventionDecisionsProjectionHandler::new);
  }
}
