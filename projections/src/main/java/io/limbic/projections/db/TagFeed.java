package io.limbic.projections.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * One tag's events read from the journal once for every projection on this node that follows the tag (README
 * "Read models"): a single {@code eventsByTag} stream from the journal's head fills a {@link TagWindow}, and each
 * projection takes its next events from the window instead of polling the journal with its own query, deserializing
 * every event again. A projection behind the window (after a restart, on a rebuild, or too slow for the window)
 * reads the journal itself until it reaches the window; the journal query is the read journal's own, so gaps (an
 * insert not committed yet) are waited for as before, and every projection still keeps its own offset.
 *
 * <p>The window starts at the journal's highest ordering when the feed is made. A reader behind it whose tag has no
 * more events up to there moves to the window's start: the read journal's {@code currentEventsByTag} completes
 * only once every ordering up to the journal's highest at the query's start is readable (no insert open below it),
 * and that highest is at least the window's start read before the query.
 */
final class TagFeed {
  /** What a reader gets: the events after its position, and its position after them. */
  record Batch(long position, List<EventEnvelope> events) {}

  private final ActorSystem<?> system;
  private final JdbcReadJournal journal;
  private final String tag;
  private final Duration idle;
  private final Executor waits;
  private final TagWindow<EventEnvelope> window;
  private CompletableFuture<Void> arrival = new CompletableFuture<>();
  private UniqueKillSwitch reader;

  TagFeed(ActorSystem<?> system, JdbcReadJournal journal, String tag, int capacity, Duration idle,
      DataSource dataSource) {
    this.system = system;
    this.journal = journal;
    this.tag = tag;
    this.idle = idle;
    this.waits = CompletableFuture.delayedExecutor(idle.toMillis(), TimeUnit.MILLISECONDS);
    this.window = new TagWindow<>(capacity, head(dataSource));
  }

  /** Starts reading the journal from the window's start; a failed read starts again where it stopped. */
  synchronized void start() {
    if (reader != null) return;
    RestartSettings backoff = RestartSettings.create(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);
    reader = RestartSource.withBackoff(backoff,
            () -> journal.eventsByTag(tag, Offset.sequence(resumeFrom())))
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.foreach(this::received), Keep.left())
        .run(system);
  }

  synchronized void stop() {
    if (reader != null) reader.shutdown();
  }

  private synchronized long resumeFrom() {
    return window.end();
  }

  private void received(EventEnvelope envelope) {
    CompletableFuture<Void> woken;
    synchronized (this) {
      window.append(((Sequence) envelope.offset()).value(), envelope);
      woken = arrival;
      arrival = new CompletableFuture<>();
    }
    woken.complete(null);
  }

  /**
   * Up to {@code max} events of the tag after {@code offset}: from the window, or from the journal when the offset is
   * before it. When none has come yet, completes with the next ones to arrive, or with none after the idle time.
   */
  CompletionStage<Batch> after(long offset, int max) {
    TagWindow.Read<EventEnvelope> read;
    CompletableFuture<Void> next;
    synchronized (this) {
      read = window.after(offset, max);
      next = arrival;
    }
    if (read.behind()) return fromJournal(offset, max);
    if (!read.events().isEmpty()) return CompletableFuture.completedFuture(batch(offset, read.events()));
    return next.copy()
        .completeOnTimeout(null, idle.toMillis(), TimeUnit.MILLISECONDS)
        .thenCompose(woken -> {
          TagWindow.Read<EventEnvelope> again;
          synchronized (this) {
            again = window.after(offset, max);
          }
          return again.behind()
              ? fromJournal(offset, max)
              : CompletableFuture.completedFuture(batch(offset, again.events()));
        });
  }

  /**
   * The read journal's own query from {@code offset}. When it finds nothing, answers after the idle time, at the
   * window's start: the tag has nothing between the offset and there.
   */
  private CompletionStage<Batch> fromJournal(long offset, int max) {
    // Read before the query: what the window starts after was committed before it, so the query covers it.
    long start;
    synchronized (this) {
      start = window.start();
    }
    return journal.currentEventsByTag(tag, Offset.sequence(offset))
        .take(max)
        .runWith(Sink.seq(), system)
        .thenCompose(events -> {
          if (!events.isEmpty()) return CompletableFuture.completedFuture(batch(offset, events));
          long position = Math.max(offset, start);
          return CompletableFuture.supplyAsync(() -> new Batch(position, List.of()), waits);
        });
  }

  private static Batch batch(long offset, List<EventEnvelope> events) {
    if (events.isEmpty()) return new Batch(offset, events);
    return new Batch(((Sequence) events.get(events.size() - 1).offset()).value(), events);
  }

  /** The highest ordering in the journal: the window holds what comes after it. */
  private static long head(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(\"ordering\") FROM \"event_journal\"")) {
      return r.next() ? r.getLong(1) : 0L;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the journal's head", e);
    }
  }
}
