package io.limbic.projections.kpi;

import io.limbic.projections.db.SessionEventProjections;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps the session-event KPI facts (emotions by state, EVI's parts) and {@code kpi_session_cursor}. */
public final class SessionKpiProjection {
  public static final String NAME = "kpi-sessions";

  private SessionKpiProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    SessionEventProjections.init(system, NAME, dataSource, SessionKpiProjectionHandler::new);
  }
}
