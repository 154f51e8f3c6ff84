package io.limbic.projections.chain;

import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.projections.erasure.ErasureFilter;
import io.limbic.projections.tracing.ProjectionSpans;
import io.limbic.protocol.trace.Trace;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import scala.jdk.javaapi.OptionConverters;

/**
 * Adds the traced events of a group of envelopes to {@code event_chain}, in one batched insert within the
 * projection's transaction. Events written without a trace (before traces existed, or by timers) have no
 * {@code eventMetadata} and are skipped: they belong to no chain.
 */
public final class EventChainProjectionHandler extends JdbcHandler<List<EventEnvelope>, PlainJdbcSession> {
  private static final String INSERT =
      "INSERT INTO event_chain (tenant, correlation_id, causation_id, persistence_id, sequence_nr, event_type,"
          + " event_at, journal_ordering) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  @Override
  public void process(PlainJdbcSession session, List<EventEnvelope> envelopes) throws Exception {
    List<ProjectionSpans.Projected> events = new ArrayList<>(envelopes.size());
    for (EventEnvelope e : envelopes) {
      Trace.fromMetadata(OptionConverters.toJava(e.eventMetadata()))
          .ifPresent(trace -> events.add(new ProjectionSpans.Projected(e.persistenceId(), e.sequenceNr(), trace)));
    }
    // Each traced event in a span of this projection (README "Metrics and traces"), on whichever node it runs.
    ProjectionSpans.around(EventChainProjection.NAME, events, () -> insert(session, envelopes));
  }

  private void insert(PlainJdbcSession session, List<EventEnvelope> envelopes) throws Exception {
    session.withConnection(
        connection -> {
          int rows = 0;
          // An erased person's entities are left out, so neither a late event nor a rebuild writes them back.
          List<EventEnvelope> kept = ErasureFilter.entities(connection, envelopes);
          try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            for (EventEnvelope envelope : kept) {
              Optional<Trace> trace = Trace.fromMetadata(OptionConverters.toJava(envelope.eventMetadata()));
              if (trace.isEmpty()) continue;
              ps.setString(1, tenantOf(envelope.persistenceId()));
              ps.setString(2, trace.get().correlationId());
              ps.setString(3, trace.get().causationId());
              ps.setString(4, envelope.persistenceId());
              ps.setLong(5, envelope.sequenceNr());
              ps.setString(6, envelope.event().getClass().getSimpleName());
              ps.setObject(7, Instant.ofEpochMilli(envelope.timestamp()).atOffset(ZoneOffset.UTC));
              ps.setLong(8, ordering(envelope));
              ps.addBatch();
              rows++;
            }
            if (rows > 0) ps.executeBatch();
          }
          return null;
        });
  }

  /**
   * The tenant of an entity: persistence ids are {@code Type|tenant/id}, and {@code Tenant|tenant} for a tenant's
   * settings.
   */
  static String tenantOf(String persistenceId) {
    String entityId = persistenceId.substring(persistenceId.indexOf('|') + 1);
    int slash = entityId.indexOf('/');
    return slash < 0 ? entityId : entityId.substring(0, slash);
  }

  private static long ordering(EventEnvelope envelope) {
    return envelope.offset() instanceof Sequence sequence ? sequence.value() : 0L;
  }
}
