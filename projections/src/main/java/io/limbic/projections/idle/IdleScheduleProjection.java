package io.limbic.projections.idle;

import io.limbic.projections.db.UserEventProjections;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Keeps {@code idle_schedule}, the durable index of users by their next due idle phase: one exactly-once projection
 * per user tag. Timers inside an entity die with passivation and with the node; this table does not.
 */
public final class IdleScheduleProjection {
  public static final String NAME = "idle-schedule";

  private IdleScheduleProjection() {}

  /** @param phaseThresholds idle time at which each phase falls due, phase 1 first (e.g. 10m, 30m, 60m) */
  public static void init(ActorSystem<?> system, DataSource dataSource, List<Duration> phaseThresholds) {
    List<Duration> thresholds = List.copyOf(phaseThresholds);
    UserEventProjections.init(system, NAME, dataSource, () -> new IdleScheduleProjectionHandler(thresholds));
  }
}
