package io.limbic.projections.escalation;

import io.limbic.projections.db.EnvelopesByTag;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.Tags;
import io.limbic.protocol.escalation.IncidentCommand;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Keeps {@code incidents} and {@code incident_timeline} from the Incident entities' events: one exactly-once
 * projection per incident tag (rows and offset commit together), spread over the cluster by ShardedDaemonProcess.
 */
public final class IncidentProjection {
  public static final String NAME = "incidents";

  private IncidentProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    List<String> tags = Tags.all(IncidentCommand.ENTITY_TYPE.name());
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            tags.size(),
            i ->
                ProjectionBehavior.create(
                    JdbcProjection.exactlyOnce(
                        ProjectionId.of(NAME, tags.get(i)),
                        new EnvelopesByTag(system, tags.get(i), dataSource),
                        () -> new PlainJdbcSession(dataSource),
                        IncidentProjectionHandler::new,
                        system)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }
}
