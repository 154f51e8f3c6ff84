package io.limbic.cluster.matching;

import com.typesafe.config.Config;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.index.CandidateTable;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.cluster.user.ProfileViews;
import io.limbic.projections.matching.CandidateFeed;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's {@link CandidateTable}, kept current from the read model (README "Idle phases", candidate table): the
 * first deep phase loads every stored profile; after that, a deep phase first reads what changed since the last
 * read, so it sees every row the read model held when it asked (at most {@code refresh-interval} earlier; 0 by
 * default). Deep phases asking together share one such read: one that asks while a read runs waits for the next.
 * Profiles are read by {@code written_at} from {@code overlap} before the database's time of the previous read (a
 * transaction commits within it), only those not held already parsed, and decisions the same way by their
 * {@code written_at}; activity by {@code last_active_at} and erasures by {@code erased_at}, each from {@code overlap}
 * before the latest time seen (writers' clocks); every {@code reload-interval} the table is built afresh, which also
 * brings activity a lagging projection wrote with an older time.
 *
 * <p>Fallback: disabled, being loaded by another phase, not loaded because of a failure, or full
 * ({@code max-people}), {@link #table()} is empty and the deep phase reads its pool from the database as before.
 */
public final class NodeCandidates {
  private static final Logger log = LoggerFactory.getLogger(NodeCandidates.class);

  /**
   * Heap per person held, measured: 2,533 bytes with each candidate's scoring row and every bucket's copy for
   * queries made (2,358 before those copies held the rows' heads; 1,786 before the rows; 50,000 seeded profiles,
   * heap used after GC with and without a second table whose buckets were all queried,
   * {@code DeepPhaseTableTest#costPerCandidate}); rounded up.
   */
  static final int BYTES_PER_PERSON = 2_700;

  /** The {@code limbic.matching.candidate-table} section. */
  public record Settings(boolean enabled, int maxPeople, Duration refreshInterval, Duration reloadInterval,
      Duration overlap) {
    /** max-people as configured, but no more than {@code heap-share} of this JVM's maximum heap holds. */
    public static Settings from(Config config) {
      Config c = config.getConfig("limbic.matching.candidate-table");
      return new Settings(c.getBoolean("enabled"),
          maxPeople(c.getInt("max-people"), c.getDouble("heap-share"), Runtime.getRuntime().maxMemory()),
          c.getDuration("refresh-interval"), c.getDuration("reload-interval"), c.getDuration("overlap"));
    }

    static int maxPeople(int configured, double heapShare, long maxHeapBytes) {
      if (!(heapShare > 0 && heapShare <= 1)) {
        throw new IllegalArgumentException(
            "limbic.matching.candidate-table.heap-share must be in (0, 1]: " + heapShare);
      }
      return (int) Math.min(configured, (long) (maxHeapBytes * heapShare) / BYTES_PER_PERSON);
    }
  }

  /** A table as loaded, with the times its later reads start from. */
  private record Loaded(CandidateTable table, Instant profilesSince, Instant activitySeen, Instant erasedSeen,
      Instant decisionsSince) {}

  private final CandidateFeed feed;
  private final Settings settings;
  private final Clock clock;
  private final PreferenceLearner learner = new PreferenceLearner(LearningSettings.DEFAULT);
  private volatile CandidateTable table;
  /** A phase is loading the table (outside the lock): the others read the database meanwhile. */
  private boolean loading;
  private Instant loadedAt;
  /** When the latest read of changes (or the load) started, on this node's clock. */
  private Instant refreshedAt;
  /** In the database's time: every profile written before it was read (writes commit within the overlap). */
  private Instant profilesSince;
  private Instant activitySeen;
  private Instant erasedSeen;
  /** As profilesSince, for user_decision.written_at. */
  private Instant decisionsSince;
  private Instant failedAt;

  public NodeCandidates(CandidateFeed feed, Settings settings, Clock clock) {
    this.feed = feed;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The table, holding what the read model held when this call began; empty when the deep phase must read the
   * database instead. Blocking: call it on a phase thread.
   */
  public Optional<CandidateTable> table() {
    if (!settings.enabled()) return Optional.empty();
    Instant asked = clock.instant();
    synchronized (this) {
      if (loading) return Optional.empty();
      boolean due = loadedAt == null || !asked.isBefore(loadedAt.plus(settings.reloadInterval()));
      // A full table is not loaded again before the reload interval (it would be full again): the database serves.
      if (table != null && table.full() && !due) return Optional.empty();
      if (table == null && failedAt != null && asked.isBefore(failedAt.plus(settings.reloadInterval()))) {
        return Optional.empty();
      }
      if (table != null && !table.full() && !due) {
        // A read that started before this call may have missed what was written just before it: read again.
        if (!refreshedAt.isAfter(asked.minus(settings.refreshInterval()))) {
          try {
            refresh(clock.instant());
          } catch (SQLException | RuntimeException e) {
            failed(e, "refreshed");
            return Optional.empty();
          }
        }
        return table.full() ? Optional.empty() : Optional.of(table);
      }
      loading = true;
    }
    return loadHere();
  }

  /** Loads the table outside the lock (it takes seconds at 100,000 people); deep phases meanwhile read the database. */
  private Optional<CandidateTable> loadHere() {
    Instant started = clock.instant();
    Loaded loaded;
    try {
      loaded = load(started);
    } catch (SQLException | RuntimeException e) {
      synchronized (this) {
        loading = false;
        failed(e, "loaded");
      }
      return Optional.empty();
    } catch (Error e) {
      synchronized (this) {
        loading = false; // the next phase may load again
      }
      throw e;
    }
    synchronized (this) {
      loading = false;
      table = loaded.table();
      loadedAt = started;
      refreshedAt = started;
      profilesSince = loaded.profilesSince();
      activitySeen = loaded.activitySeen();
      erasedSeen = loaded.erasedSeen();
      decisionsSince = loaded.decisionsSince();
      failedAt = null;
      return table.full() ? Optional.empty() : Optional.of(table);
    }
  }

  private void failed(Exception e, String what) {
    log.warn("candidate table not {}: deep phases read the database", what, e);
    failedAt = clock.instant();
    table = null;
  }

  /** Forgets an erased person at once on this node (other nodes learn it from {@code erased_subjects}). */
  public void forget(String tenant, String userId) {
    CandidateTable held = table;
    if (held != null) held.remove(tenant, userId);
  }

  private Loaded load(Instant now) throws SQLException {
    CandidateTable fresh = new CandidateTable(new Vocabulary(), learner, settings.maxPeople());
    Seen seen = new Seen();
    // Erasures first: the table then refuses their profiles, also one an erasure is deleting right now.
    feed.erased(Instant.EPOCH, (tenant, userId, at) -> {
      fresh.remove(tenant, userId);
      seen.erased = later(seen.erased, at);
    });
    Instant read = feed.profiles(null, (tenant, userId, json, updatedAt, lastActiveAt) -> {
      fresh.put(tenant, userId, profile(json), updatedAt, lastActiveAt, now);
      seen.activity = later(seen.activity, lastActiveAt);
    });
    Instant decisionsRead = feed.decisions(null, fresh::decided);
    if (fresh.full()) log.warn("candidate table full at {} people: deep phases read the database", fresh.size());
    // Times as the database and the writers gave them, never this node's clock: a clock ahead would skip rows.
    return new Loaded(fresh, read.minus(settings.overlap()), later(Instant.EPOCH, seen.activity),
        later(Instant.EPOCH, seen.erased), decisionsRead.minus(settings.overlap()));
  }

  private void refresh(Instant now) throws SQLException {
    CandidateTable held = table;
    Seen seen = new Seen();
    Instant read = feed.profiles(profilesSince, (tenant, userId, json, updatedAt, lastActiveAt) -> {
      if (held.holds(tenant, userId, updatedAt)) held.active(tenant, userId, lastActiveAt);
      else held.put(tenant, userId, profile(json), updatedAt, lastActiveAt, now);
    });
    feed.activity(activitySeen.minus(settings.overlap()), (tenant, userId, at) -> {
      held.active(tenant, userId, at);
      seen.activity = later(seen.activity, at);
    });
    feed.erased(erasedSeen.minus(settings.overlap()), (tenant, userId, at) -> {
      held.remove(tenant, userId);
      seen.erased = later(seen.erased, at);
    });
    decisionsSince = feed.decisions(decisionsSince, held::decided).minus(settings.overlap());
    profilesSince = read.minus(settings.overlap());
    activitySeen = later(activitySeen, seen.activity);
    erasedSeen = later(erasedSeen, seen.erased);
    refreshedAt = now;
  }

  private static final class Seen {
    Instant activity;
    Instant erased;
  }

  private static io.limbic.analytics.matching.Profile profile(String json) {
    return ProfileViews.toProfile(CandidateFeed.parse(json));
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return b.isAfter(a) ? b : a;
  }
}
