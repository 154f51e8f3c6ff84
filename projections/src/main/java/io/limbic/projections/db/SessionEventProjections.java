package io.limbic.projections.db;

import io.limbic.projections.erasure.ErasureFilter;
import io.limbic.projections.tracing.ProjectionSpans;
import io.limbic.protocol.Tags;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.session.SessionEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * How a read model of session events runs: as {@link UserEventProjections} does for user events, one grouped
 * exactly-once JDBC projection per session tag under ShardedDaemonProcess, a group and its offset in one
 * transaction.
 */
public final class SessionEventProjections {
  private SessionEventProjections() {}

  public static void init(ActorSystem<?> system, String name, DataSource dataSource,
      Supplier<JdbcHandler<List<EventEnvelope<SessionEvent>>, PlainJdbcSession>> handler) {
    ProjectionGrouping grouping = ProjectionGrouping.from(system.settings().config());
    List<String> tags = Tags.all(SessionCommand.ENTITY_TYPE.name());
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            name,
            tags.size(),
            i ->
                ProjectionBehavior.create(
                    JdbcProjection.groupedWithin(
                            ProjectionId.of(name, tags.get(i)),
                            new TypedEnvelopesByTag<SessionEvent>(system, tags.get(i), dataSource),
                            () -> new PlainJdbcSession(dataSource),
                            () -> new Forgetting(name, handler.get()),
                            system)
                        .withGroup(grouping.maxEvents(), grouping.maxDelay())
                        .withRecoveryStrategy(
                            HandlerRecoveryStrategy.retryAndFail(grouping.retries(), grouping.retryDelay()))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  /** Leaves erased people's sessions out (README "Erasing and exporting a person"), also on a rebuild. */
  private static final class Forgetting extends JdbcHandler<List<EventEnvelope<SessionEvent>>, PlainJdbcSession> {
    private final String name;
    private final JdbcHandler<List<EventEnvelope<SessionEvent>>, PlainJdbcSession> handler;

    Forgetting(String name, JdbcHandler<List<EventEnvelope<SessionEvent>>, PlainJdbcSession> handler) {
      this.name = name;
      this.handler = handler;
    }

    @Override
    public void process(PlainJdbcSession session, List<EventEnvelope<SessionEvent>> envelopes) throws Exception {
      List<EventEnvelope<SessionEvent>> kept = ErasureFilter.sessions(session, envelopes);
      if (kept.isEmpty()) return;
      // In a span of this read model for events of a traced chain (README "Metrics and traces").
      ProjectionSpans.around(name, ProjectionSpans.projected(kept), () -> handler.process(session, kept));
    }
  }
}
