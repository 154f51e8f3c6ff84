package io.limbic.projections.db;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A tag's events as a read model takes them, through this node's shared {@link TagFeeds}: what
 * {@code EventSourcedProvider.eventsByTag} gives (the typed envelope, the journal's {@code Sequence} offsets), without
 * a journal query of the read model's own.
 *
 * @param <E> the tag's event type
 */
public final class TypedEnvelopesByTag<E> extends SourceProvider<Offset, EventEnvelope<E>> {
  private final EnvelopesByTag envelopes;

  public TypedEnvelopesByTag(ActorSystem<?> system, String tag, DataSource dataSource) {
    this.envelopes = new EnvelopesByTag(system, tag, dataSource);
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletionStage<Source<EventEnvelope<E>, NotUsed>> source(
      Supplier<CompletionStage<Optional<Offset>>> offset) {
    return envelopes.source(offset)
        .thenApply(events -> events.map(e ->
            EventEnvelope.create(e.offset(), e.persistenceId(), e.sequenceNr(), (E) e.event(), e.timestamp())));
  }

  @Override
  public Offset extractOffset(EventEnvelope<E> envelope) {
    return envelope.offset();
  }

  @Override
  public long extractCreationTime(EventEnvelope<E> envelope) {
    return envelope.timestamp();
  }
}
