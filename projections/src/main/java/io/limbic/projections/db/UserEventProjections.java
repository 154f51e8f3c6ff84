package io.limbic.projections.db;

import io.limbic.protocol.Tags;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * How every read model of user events runs: one exactly-once JDBC projection per user tag, spread over the cluster
 * by ShardedDaemonProcess. The handler's rows and the offset commit in one transaction.
 */
public final class UserEventProjections {
  private UserEventProjections() {}

  public static void init(
      ActorSystem<?> system,
      String name,
      DataSource dataSource,
      Supplier<JdbcHandler<EventEnvelope<UserEvent>, PlainJdbcSession>> handler) {
    List<String> tags = Tags.all(UserCommand.ENTITY_TYPE.name());
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            name,
            tags.size(),
            i ->
                ProjectionBehavior.create(
                    JdbcProjection.exactlyOnce(
                        ProjectionId.of(name, tags.get(i)),
                        EventSourcedProvider.<UserEvent>eventsByTag(system, JdbcReadJournal.Identifier(), tags.get(i)),
                        () -> new PlainJdbcSession(dataSource),
                        handler::get,
                        system)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }
}
