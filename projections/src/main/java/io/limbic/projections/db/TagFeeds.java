package io.limbic.projections.db;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.javadsl.Source;

/**
 * This node's {@link TagFeed}s, one per tag, shared by every projection that follows the tag
 * ({@code limbic.projections.tag-feed}). Off, each projection polls the journal with its own query, as Pekko
 * Projection does by default.
 */
public final class TagFeeds implements Extension {
  private static final ExtensionId<TagFeeds> ID = new ExtensionId<>() {
    @Override
    public TagFeeds createExtension(ActorSystem<?> system) {
      return new TagFeeds(system);
    }
  };

  private final ActorSystem<?> system;
  private final JdbcReadJournal journal;
  private final boolean enabled;
  private final int capacity;
  private final int batch;
  private final Duration idle;
  private final Executor blocking;
  private final Map<String, TagFeed> feeds = new ConcurrentHashMap<>();

  private TagFeeds(ActorSystem<?> system) {
    this.system = system;
    this.journal = PersistenceQuery.get(system.classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    Config config = system.settings().config();
    this.enabled = config.getBoolean("limbic.projections.tag-feed.enabled");
    this.capacity = config.getInt("limbic.projections.tag-feed.window");
    this.batch = config.getInt("jdbc-read-journal.max-buffer-size");
    this.idle = config.getDuration("jdbc-read-journal.refresh-interval");
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    system.getWhenTerminated().thenRun(() -> feeds.values().forEach(TagFeed::stop));
  }

  public static TagFeeds get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /**
   * The tag's events after {@code offset}, without end: from the shared feed when it is on, else the read journal's
   * own {@code eventsByTag}.
   */
  public CompletionStage<Source<EventEnvelope, NotUsed>> eventsByTag(
      String tag, Optional<Offset> offset, DataSource dataSource) {
    Offset from = offset.orElse(NoOffset.getInstance());
    if (!enabled) return CompletableFuture.completedFuture(journal.eventsByTag(tag, from));
    long start = from instanceof Sequence s ? s.value() : 0L;
    return CompletableFuture.supplyAsync(() -> feed(tag, dataSource), blocking)
        .thenApply(feed -> Source.unfoldAsync(start, after -> feed.after(after, batch)
                .thenApply(next -> Optional.of(Pair.create(next.position(), next.events()))))
            .mapConcat(events -> events));
  }

  private TagFeed feed(String tag, DataSource dataSource) {
    return feeds.computeIfAbsent(tag, t -> {
      TagFeed feed = new TagFeed(system, journal, t, capacity, idle, dataSource);
      feed.start();
      return feed;
    });
  }
}
