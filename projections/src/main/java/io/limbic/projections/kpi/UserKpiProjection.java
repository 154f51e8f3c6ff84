package io.limbic.projections.kpi;

import io.limbic.projections.db.UserEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps the user-event KPI facts ({@code kpi_user_facts}, {@code kpi_tenant_facts}) and {@code kpi_user_traits}. */
public final class UserKpiProjection {
  public static final String NAME = "kpi-users";

  private UserKpiProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    UserEventProjections.init(system, NAME, dataSource, UserKpiProjectionHandler::new);
  }
}
