package io.limbic.projections.db;

import io.limbic.projections.erasure.ErasureFilter;
import io.limbic.projections.tracing.ProjectionSpans;
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
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * How every read model of user events runs: one grouped exactly-once JDBC projection per user tag, spread over the
 * cluster by ShardedDaemonProcess. A group's rows and its offset commit in one transaction, so a group is applied
 * exactly once; a failed group rolls back whole and is retried (settings: {@link ProjectionGrouping}).
 */
public final class UserEventProjections {
  private UserEventProjections() {}

  public static void init(
      ActorSystem<?> system, String name, DataSource dataSource, Supplier<UserEventGroupHandler> handler) {
    ProjectionGrouping grouping = ProjectionGrouping.from(system.settings().config());
    ReactionTimes reactions = ReactionTimes.get(system);
    List<String> tags = Tags.all(UserCommand.ENTITY_TYPE.name());
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            name,
            tags.size(),
            i ->
                ProjectionBehavior.create(
                    JdbcProjection.groupedWithin(
                            ProjectionId.of(name, tags.get(i)),
                            new TypedEnvelopesByTag<UserEvent>(system, tags.get(i), dataSource),
                            () -> new PlainJdbcSession(dataSource),
                            () -> new Timed(name, reactions, handler.get()),
                            system)
                        .withGroup(grouping.maxEvents(), grouping.maxDelay())
                        .withRecoveryStrategy(
                            HandlerRecoveryStrategy.retryAndFail(grouping.retries(), grouping.retryDelay()))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  /** Records when the handler starts on each envelope against the time the journal wrote it. */
  private static final class Timed extends JdbcHandler<List<EventEnvelope<UserEvent>>, PlainJdbcSession> {
    private final String name;
    private final ReactionTimes reactions;
    private final UserEventGroupHandler handler;

    Timed(String name, ReactionTimes reactions, UserEventGroupHandler handler) {
      this.name = name;
      this.reactions = reactions;
      this.handler = handler;
    }

    @Override
    public void process(PlainJdbcSession session, List<EventEnvelope<UserEvent>> envelopes) throws Exception {
      long now = System.currentTimeMillis();
      for (EventEnvelope<UserEvent> envelope : envelopes) reactions.record(name, envelope.timestamp(), now);
      // Erased people (README "Erasing and exporting a person") never reach a read model, also not on a rebuild.
      List<EventEnvelope<UserEvent>> kept = ErasureFilter.users(session, envelopes);
      if (kept.isEmpty()) return;
      // Events of a traced chain are projected in a span of this read model (README "Metrics and traces").
      ProjectionSpans.around(name, ProjectionSpans.projected(kept), () -> handler.process(session, kept));
    }
  }
}
