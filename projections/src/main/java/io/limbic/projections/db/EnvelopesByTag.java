package io.limbic.projections.db;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A tag's events as the read journal delivers them, metadata included. Pekko Projection 1.0's
 * {@code EventSourcedProvider.eventsByTag} maps each envelope to its own {@code EventEnvelope}, which has no
 * {@code eventMetadata}: whatever needs an event's trace (the event chain, agents passing the correlation id on)
 * reads through this provider instead. Offsets are the journal's {@code Sequence}, as with the standard provider;
 * the events come through this node's shared {@link TagFeeds}.
 */
public final class EnvelopesByTag extends SourceProvider<Offset, EventEnvelope> {
  private final TagFeeds feeds;
  private final String tag;
  private final DataSource dataSource;

  public EnvelopesByTag(ActorSystem<?> system, String tag, DataSource dataSource) {
    this.feeds = TagFeeds.get(system);
    this.tag = tag;
    this.dataSource = dataSource;
  }

  @Override
  public CompletionStage<Source<EventEnvelope, NotUsed>> source(
      Supplier<CompletionStage<Optional<Offset>>> offset) {
    return offset.get().thenCompose(from -> feeds.eventsByTag(tag, from, dataSource));
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
