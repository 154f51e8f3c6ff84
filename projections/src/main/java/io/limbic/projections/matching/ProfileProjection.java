package io.limbic.projections.matching;

import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.Tags;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserEvent;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.ExactlyOnceProjection;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/** Keeps {@code user_profile} and {@code candidate_index}: one exactly-once projection per user tag. */
public final class ProfileProjection {
  public static final String NAME = "user-profiles";

  private ProfileProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    List<String> tags = Tags.all(UserCommand.ENTITY_TYPE.name());
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            tags.size(),
            i -> ProjectionBehavior.create(create(system, dataSource, tags.get(i))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  static ExactlyOnceProjection<Offset, EventEnvelope<UserEvent>> create(
      ActorSystem<?> system, DataSource dataSource, String tag) {
    SourceProvider<Offset, EventEnvelope<UserEvent>> source =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
    return JdbcProjection.exactlyOnce(
        ProjectionId.of(NAME, tag),
        source,
        () -> new PlainJdbcSession(dataSource),
        ProfileProjectionHandler::new,
        system);
  }
}
