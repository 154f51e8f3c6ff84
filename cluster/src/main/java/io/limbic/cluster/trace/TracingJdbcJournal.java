package io.limbic.cluster.trace;

import com.typesafe.config.Config;
import io.limbic.cluster.health.DatabaseHealth;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.journal.JdbcAsyncWriteJournal;
import org.apache.pekko.persistence.journal.Tagged;
import io.limbic.cluster.metrics.JournalWrites;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * The JDBC journal, storing a {@link TracedEvent}'s trace as the row's metadata ({@code meta_payload},
 * {@code meta_ser_id}, {@code meta_ser_manifest}) and its event as the payload. The plugin serializes
 * {@code PersistentRepr.metadata} with Pekko serialization and puts it back on replay and into the read journal's
 * {@code EventEnvelope.eventMetadata}; rows written without a trace have none. Configured as
 * {@code jdbc-journal.class}. Each batch's write is timed, and traced below its commands' spans ({@link JournalWrites}).
 */
public class TracingJdbcJournal extends JdbcAsyncWriteJournal {

  private final JournalWrites timing;

  public TracingJdbcJournal(Config config) {
    super(config);
    this.timing = JournalWrites.of(Adapter.toTyped(context().system()));
  }

  @Override
  public Future<scala.collection.immutable.Seq<Try<BoxedUnit>>> asyncWriteMessages(
      scala.collection.immutable.Seq<AtomicWrite> messages) {
    List<AtomicWrite> given = CollectionConverters.asJava(messages);
    JournalWrites.Write measured = timing.start(given);
    List<AtomicWrite> writes = new ArrayList<>(messages.size());
    for (int i = 0; i < given.size(); i++) writes.add(unwrapped(given.get(i), measured.traceparent(i)));
    Future<scala.collection.immutable.Seq<Try<BoxedUnit>>> written =
        super.asyncWriteMessages(CollectionConverters.asScala(writes).toList());
    // The database's health (README "Database outages and node crashes"): a failed write (not a rejected event)
    // counts towards an outage, a stored one ends it; the journal-write timer (README "Metrics and traces") ends too.
    DatabaseHealth health = DatabaseHealth.get(context().system());
    FutureConverters.asJava(written).whenComplete((results, failure) -> {
      measured.end(failure);
      if (failure == null) health.succeeded();
      else health.failed("journal", failure);
    });
    return written;
  }

  private static AtomicWrite unwrapped(AtomicWrite write, String traceparent) {
    List<PersistentRepr> reprs = new ArrayList<>(write.size());
    for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) reprs.add(unwrapped(repr, traceparent));
    return new AtomicWrite(CollectionConverters.asScala(reprs).toList());
  }

  /**
   * The event as the row's payload, its trace as the metadata, naming {@code traceparent} (the journal write's
   * span) or no span at all: a command's traceparent is never stored as it came, so with tracing off nothing is.
   */
  static PersistentRepr unwrapped(PersistentRepr repr, String traceparent) {
    Object payload = repr.payload();
    if (payload instanceof Tagged tagged && tagged.payload() instanceof TracedEvent traced) {
      return repr.withPayload(new Tagged(traced.event(), tagged.tags()))
          .withMetadata(traced.trace().withTraceparent(traceparent));
    }
    if (payload instanceof TracedEvent traced) {
      return repr.withPayload(traced.event()).withMetadata(traced.trace().withTraceparent(traceparent));
    }
    return repr;
  }
}
