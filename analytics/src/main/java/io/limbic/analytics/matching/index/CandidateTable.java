package io.limbic.analytics.matching.index;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A node's in-memory copy of the candidate index, each person held ready to score: their {@link MatchCandidate}
 * built once (traits packed with this table's {@link Vocabulary}, the stated-preference model compiled), so a deep
 * phase reads its pool without parsing a profile or building a model per candidate. Same key scheme and same answer
 * as the SQL read model ({@link CandidateIndex}): the people under any key of the query, without the searcher, the
 * most recently active first (then by user id), at most {@code limit}.
 *
 * <p>Fed from the read model by whoever owns the table: {@link #put} for a stored profile, {@link #active} for a
 * later activity, {@link #remove} for an erasure (the person is refused from then on, so a feed that still brings
 * their profile does not bring them back). An update older than what is held is ignored, so feeds may
 * overlap. Holds at most {@code maxPeople} people, and remembers at most {@code maxPeople} erased people and as many
 * people with decisions; beyond any of these {@link #full()} turns true (a put is refused) and the owner must answer
 * from the database. Safe to share between threads: queries run together, updates one at a time.
 *
 * <p>Everyone is held in a bucket per key, by (tenant, cell, age band), then gender, then the gender sought, each kept
 * in the order a query answers in: a query merges the buckets of its keys, stopping at the limit, and looks at no one
 * it does not answer with (no filter, no hashing, no sort per candidate).
 */
public final class CandidateTable {
  /** Most recently active first (never active last), then by user id. */
  private static final Comparator<Entry> MOST_RECENT_FIRST = (a, b) -> {
    Instant x = a.candidate().lastActiveAt();
    Instant y = b.candidate().lastActiveAt();
    if (x != null && y != null) {
      int byTime = y.compareTo(x);
      if (byTime != 0) return byTime;
    } else if (x != null) {
      return -1;
    } else if (y != null) {
      return 1;
    }
    return a.candidate().userId().compareTo(b.candidate().userId());
  };

  /**
   * A candidate as a query finds them, with what a deep phase asks of each: the year their stated preferences were
   * compiled in (age bands move with it) and whether they have a decision history (fed by {@link #decided}).
   */
  public record Held(MatchCandidate candidate, int year, boolean decided) {}

  /**
   * One person as held: the keys they are found under (one cell, age band and gender; a key per gender sought) and
   * their candidate with the stated preferences compiled in {@code year}.
   */
  private record Entry(List<CandidateKey> keys, MatchCandidate candidate, Instant updatedAt, int year) {
    String place() {
      CandidateKey key = keys.get(0);
      return CandidateTable.place(key.tenant(), key.cell(), key.ageBand());
    }

    String gender() {
      return keys.get(0).gender();
    }
  }

  /** gender -> gender sought -> everyone under that key, in {@link #MOST_RECENT_FIRST} order. */
  private static final class Place {
    final Map<String, Map<String, NavigableSet<Entry>>> byGender = new HashMap<>();
  }

  private final Vocabulary vocabulary;
  private final PreferenceLearner learner;
  private final int maxPeople;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  /** tenant -> user id -> entry. */
  private final Map<String, Map<String, Entry>> people = new HashMap<>();
  /** (tenant, cell, age band) -> the buckets there. */
  private final Map<String, Place> buckets = new HashMap<>();
  /** tenant -> user ids of everyone removed: erased people never come back. */
  private final Map<String, Set<String>> erased = new HashMap<>();
  /** tenant -> user ids of everyone who decided on someone or was decided on. */
  private final Map<String, Set<String>> decided = new HashMap<>();
  /**
   * One instance of each tenant's name, shared by its candidates: the scoring loop compares every candidate's tenant
   * with the searcher's, and one string stays in cache where 100,000 copies would not.
   */
  private final Map<String, String> tenants = new java.util.concurrent.ConcurrentHashMap<>();
  private int size;
  private int erasedCount;
  private int decidedCount;
  private boolean full;

  public CandidateTable(Vocabulary vocabulary, PreferenceLearner learner, int maxPeople) {
    if (maxPeople < 0) throw new IllegalArgumentException("maxPeople must be >= 0");
    this.vocabulary = vocabulary;
    this.learner = learner;
    this.maxPeople = maxPeople;
  }

  /** The vocabulary every held candidate was packed with: a searcher scored against them must use it too. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Holds this profile, stored at {@code updatedAt}, in place of an older one: keyed by the year of
   * {@code updatedAt}, as the read model keys it, with the stated preferences as of {@code now}'s year. A profile
   * without a usable location has no keys and is dropped.
   *
   * @return false when the update was older than what is held, the person was removed, or the table is full
   */
  public boolean put(String tenant, String userId, Profile profile, Instant updatedAt, Instant lastActiveAt,
      Instant now) {
    tenant = tenants.computeIfAbsent(tenant, t -> t);
    List<CandidateKey> keys = CandidateIndex.keysFor(tenant, profile, updatedAt.atOffset(ZoneOffset.UTC).getYear());
    int year = now.atOffset(ZoneOffset.UTC).getYear();
    MatchCandidate candidate = keys.isEmpty() ? null : stated(tenant, userId, profile, lastActiveAt, year);
    lock.writeLock().lock();
    try {
      if (in(erased, tenant, userId)) return false;
      Entry held = people.getOrDefault(tenant, Map.of()).get(userId);
      if (held != null && held.updatedAt().isAfter(updatedAt)) return false;
      if (held == null && candidate != null && size >= maxPeople) {
        full = true;
        return false;
      }
      if (held != null) unlink(tenant, userId, held);
      if (candidate == null) return true;
      Instant active = latest(lastActiveAt, held == null ? null : held.candidate().lastActiveAt());
      if (active != lastActiveAt) candidate = withLastActive(candidate, active);
      link(tenant, userId, new Entry(List.copyOf(keys), candidate, updatedAt, year));
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Whether this version of the person's profile needs no {@link #put}: the same or a later one is held, or they
   * were removed.
   */
  public boolean holds(String tenant, String userId, Instant updatedAt) {
    lock.readLock().lock();
    try {
      if (in(erased, tenant, userId)) return true;
      Entry held = people.getOrDefault(tenant, Map.of()).get(userId);
      return held != null && !held.updatedAt().isBefore(updatedAt);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A later activity of someone held; an earlier one, or someone not held, changes nothing. */
  public void active(String tenant, String userId, Instant lastActiveAt) {
    if (lastActiveAt == null) return;
    lock.writeLock().lock();
    try {
      Entry held = people.getOrDefault(tenant, Map.of()).get(userId);
      if (held == null) return;
      Instant was = held.candidate().lastActiveAt();
      if (was != null && !lastActiveAt.isAfter(was)) return;
      unlink(tenant, userId, held);
      link(tenant, userId,
          new Entry(held.keys(), withLastActive(held.candidate(), lastActiveAt), held.updatedAt(), held.year()));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Forgets the person (erased): no query finds them from now on, and a later {@link #put} is refused. */
  public void remove(String tenant, String userId) {
    lock.writeLock().lock();
    try {
      // A full table is not asked any more: it need not remember more (memory stays bounded).
      if (!full && erased.computeIfAbsent(tenant, t -> new HashSet<>()).add(userId)) erasedCount++;
      if (erasedCount > maxPeople) full = true;
      Entry held = people.getOrDefault(tenant, Map.of()).get(userId);
      if (held != null) unlink(tenant, userId, held);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Both people of a decision have a decision history from now on: only for them does a deep phase read the
   * decisions read model (nobody else has a row there).
   */
  public void decided(String tenant, String userId, String targetId) {
    lock.writeLock().lock();
    try {
      if (full) return;
      Set<String> ofTenant = decided.computeIfAbsent(tenant, t -> new HashSet<>());
      if (ofTenant.add(userId)) decidedCount++;
      if (ofTenant.add(targetId)) decidedCount++;
      if (decidedCount > maxPeople) full = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The people under any key of the query, without {@code excludeUserId}, most recently active first, each with the
   * year of their stated preferences and whether they have decisions: the buckets under the query's keys, each
   * already in order, merged up to the limit.
   */
  public List<Held> pool(CandidateQuery query, String excludeUserId, int limit) {
    List<Held> found = new ArrayList<>();
    if (limit <= 0) return found;
    lock.readLock().lock();
    try {
      PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> MOST_RECENT_FIRST.compare(a.head, b.head));
      Entry excluded = people.getOrDefault(query.tenant(), Map.of()).get(excludeUserId);
      for (String cell : query.cells()) {
        for (int band : query.ageBands()) {
          Place place = buckets.get(place(query.tenant(), cell, band));
          if (place == null) continue;
          Collection<Map<String, NavigableSet<Entry>>> genders = query.genders().isEmpty()
              ? place.byGender.values()
              : query.genders().stream().map(place.byGender::get).filter(b -> b != null).toList();
          for (Map<String, NavigableSet<Entry>> bySought : genders) {
            for (String sought : query.seeks()) {
              NavigableSet<Entry> bucket = bySought.get(sought);
              if (bucket == null) continue;
              Cursor cursor = new Cursor(bucket.iterator(), excluded);
              if (cursor.advance()) heads.add(cursor);
            }
          }
        }
      }
      Set<String> withDecisions = decided.getOrDefault(query.tenant(), Set.of());
      Entry last = null;
      while (found.size() < limit && !heads.isEmpty()) {
        Cursor next = heads.poll();
        Entry e = next.head;
        // Someone who seeks two of the genders asked is in two of the buckets: the merge brings them out together.
        if (e != last) {
          boolean decided = !withDecisions.isEmpty() && withDecisions.contains(e.candidate().userId());
          found.add(new Held(e.candidate(), e.year(), decided));
        }
        last = e;
        if (next.advance()) heads.add(next);
      }
    } finally {
      lock.readLock().unlock();
    }
    return found;
  }

  /** One bucket being read: its next entry ({@code head}) and the rest. */
  private static final class Cursor {
    private final Iterator<Entry> rest;
    private final Entry excluded;
    private Entry head;

    Cursor(Iterator<Entry> rest, Entry excluded) {
      this.rest = rest;
      this.excluded = excluded;
    }

    /** Moves to the next entry that is not the excluded one; false at the end. */
    boolean advance() {
      while (rest.hasNext()) {
        Entry e = rest.next();
        if (e == excluded) continue;
        head = e;
        return true;
      }
      return false;
    }
  }

  /** The held candidate, stated preferences and no history; null when not held. */
  public MatchCandidate candidate(String tenant, String userId) {
    lock.readLock().lock();
    try {
      Entry held = people.getOrDefault(tenant, Map.of()).get(userId);
      return held == null ? null : held.candidate();
    } finally {
      lock.readLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A put was refused for want of room: the table no longer holds everyone and must not be asked. */
  public boolean full() {
    lock.readLock().lock();
    try {
      return full;
    } finally {
      lock.readLock().unlock();
    }
  }

  private MatchCandidate stated(String tenant, String userId, Profile profile, Instant lastActiveAt, int year) {
    Instant inYear = java.time.LocalDate.of(year, 7, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    PreferenceScores scores =
        PreferenceScores.of(learner.learn(userId, profile, List.of(), id -> null, inYear), vocabulary);
    return MatchCandidate.of(tenant, userId, profile, scores, lastActiveAt, vocabulary);
  }

  private static MatchCandidate withLastActive(MatchCandidate c, Instant lastActiveAt) {
    return new MatchCandidate(c.tenant(), c.userId(), c.profile(), c.preferences(), lastActiveAt, c.completeness(),
        c.traits(), c.history());
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return b.isAfter(a) ? b : a;
  }

  private static boolean in(Map<String, Set<String>> byTenant, String tenant, String userId) {
    Set<String> ofTenant = byTenant.get(tenant);
    return ofTenant != null && ofTenant.contains(userId);
  }

  private void link(String tenant, String userId, Entry entry) {
    people.computeIfAbsent(tenant, t -> new HashMap<>()).put(userId, entry);
    Map<String, NavigableSet<Entry>> bySought =
        buckets.computeIfAbsent(entry.place(), p -> new Place()).byGender.computeIfAbsent(entry.gender(),
            g -> new HashMap<>());
    for (CandidateKey key : entry.keys()) {
      bySought.computeIfAbsent(key.seeks(), s -> new TreeSet<>(MOST_RECENT_FIRST)).add(entry);
    }
    size++;
  }

  /** Takes the entry out before its order can change: a bucket finds an entry by its activity and id. */
  private void unlink(String tenant, String userId, Entry entry) {
    Map<String, Entry> ofTenant = people.get(tenant);
    ofTenant.remove(userId);
    if (ofTenant.isEmpty()) people.remove(tenant);
    Place place = buckets.get(entry.place());
    Map<String, NavigableSet<Entry>> bySought = place.byGender.get(entry.gender());
    for (CandidateKey key : entry.keys()) {
      NavigableSet<Entry> bucket = bySought.get(key.seeks());
      if (bucket == null) continue; // a gender sought twice
      bucket.remove(entry);
      if (bucket.isEmpty()) bySought.remove(key.seeks());
    }
    if (bySought.isEmpty()) place.byGender.remove(entry.gender());
    if (place.byGender.isEmpty()) buckets.remove(entry.place());
    size--;
  }

  private static String place(String tenant, String cell, int band) {
    return tenant + "|" + cell + "|" + band;
  }
}
