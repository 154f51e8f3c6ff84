package io.limbic.projections.db;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A tag's events as the read journal delivers them, metadata included. Pekko Projection 1.0's
 * {@code EventSourcedProvider.eventsByTag} maps each envelope to its own {@code EventEnvelope}, which has no
 * {@code eventMetadata}: whatever needs an event's trace (the event chain, agents passing the correlation id on)
 * reads through this provider instead. Offsets are the journal's {@code Sequence}, as with the standard provider.
 */
public final class EnvelopesByTag extends SourceProvider<Offset, EventEnvelope> {
  private final JdbcReadJournal journal;
  private final String tag;

  public EnvelopesByTag(ActorSystem<?> system, String tag) {
    this.journal =
        PersistenceQuery.get(system.classicSystem())
            .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    this.tag = tag;
  }

  @Override
  public CompletionStage<Source<EventEnvelope, NotUsed>> source(
      Supplier<CompletionStage<Optional<Offset>>> offset) {
    return offset.get().thenApply(from -> journal.eventsByTag(tag, from.orElse(NoOffset.getInstance())));
  }

  @Override
  public Offset extractOffset(EventEnvelope envelope) {
    return envelope.offset();
  }

  @Override
  public long extractCreationTime(EventEnvelope envelope) {
    return envelope.timestamp();
  }
}
