package io.limbic.projections.chain;

import io.limbic.projections.db.EnvelopesByTag;
import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.Tags;
import java.time.Duration;
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
 * Keeps {@code event_chain}: every traced event of every entity type, by correlation id. One grouped exactly-once
 * projection per tag of each entity type (a group's rows and its offset commit in one transaction), spread over the
 * cluster by ShardedDaemonProcess. An entity type whose events carry no tags yet adds nothing until they do.
 */
public final class EventChainProjection {
  public static final String NAME = "event-chain";
  /** The entity types (tag prefixes) whose events can be part of a chain. */
  public static final List<String> ENTITY_TYPES = List.of("User", "Session", "Tenant", "Visitor");

  private static final int GROUP_SIZE = 200;
  private static final Duration GROUP_WITHIN = Duration.ofMillis(200);

  private EventChainProjection() {}

  public static void init(ActorSystem<?> system, DataSource dataSource) {
    List<String> tags = ENTITY_TYPES.stream().flatMap(type -> Tags.all(type).stream()).toList();
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            tags.size(),
            i ->
                ProjectionBehavior.create(
                    JdbcProjection.groupedWithin(
                            ProjectionId.of(NAME, tags.get(i)),
                            new EnvelopesByTag(system, tags.get(i), dataSource),
                            () -> new PlainJdbcSession(dataSource),
                            EventChainProjectionHandler::new,
                            system)
                        .withGroup(GROUP_SIZE, GROUP_WITHIN)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }
}
