package io.limbic.cluster.testkit;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.apache.pekko.stream.javadsl.Sink;

/** The events stored so far under one tag, read the way a projection reads them (by tag, from the start). */
public final class TaggedEvents {
  private TaggedEvents() {}

  public static List<Object> of(ActorSystem<?> system, String tag) {
    PersistenceTestKitReadJournal journal = PersistenceQuery.get(system)
        .getReadJournalFor(PersistenceTestKitReadJournal.class, PersistenceTestKitReadJournal.Identifier());
    return journal.currentEventsByTag(tag, NoOffset.getInstance())
        .map(envelope -> envelope.event())
        .runWith(Sink.seq(), system)
        .toCompletableFuture()
        .orTimeout(Duration.ofSeconds(10).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
        .join();
  }
}
