package io.limbic.analytics.matching.index;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
public final class CandidateTable {
  private static final Comparator<MatchCandidate> MOST_RECENT_FIRST =
      Comparator.comparing(MatchCandidate::lastActiveAt, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(MatchCandidate::userId);

  /** One person as held: the keys they are found under and their candidate with the stated preferences. */
  private record Entry(List<CandidateKey> keys, MatchCandidate candidate, Instant updatedAt, int year) {}
  // year: the year the stated preferences were compiled in (age bands move with it)

  private final Vocabulary vocabulary;
  private final PreferenceLearner learner;
  private final int maxPeople;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  /** tenant -> user id -> entry. */
  private final Map<String, Map<String, Entry>> people = new HashMap<>();
  /** (tenant, cell, age band) -> user id -> entry: a person once per bucket, whatever genders they seek. */
  private final Map<String, Map<String, Entry>> buckets = new HashMap<>();
  /** tenant + "|" + user id of everyone removed: erased people never come back. */
  private final Set<String> erased = new HashSet<>();
  /** tenant + "|" + user id of everyone who decided on someone or was decided on. */
  private final Set<String> decided = new HashSet<>();
  private int size;
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
    List<CandidateKey> keys = CandidateIndex.keysFor(tenant, profile, updatedAt.atOffset(ZoneOffset.UTC).getYear());
    int year = now.atOffset(ZoneOffset.UTC).getYear();
    MatchCandidate candidate = keys.isEmpty() ? null : stated(tenant, userId, profile, lastActiveAt, year);
    lock.writeLock().lock();
    try {
      if (erased.contains(tenant + "|" + userId)) return false;
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
      if (erased.contains(tenant + "|" + userId)) return true;
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
      if (!full) erased.add(tenant + "|" + userId);
      if (erased.size() > maxPeople) full = true;
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
      decided.add(tenant + "|" + userId);
      decided.add(tenant + "|" + targetId);
      if (decided.size() > maxPeople) full = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Of these people, those with a decision history (as fed by {@link #decided}). */
  public Set<String> withDecisions(String tenant, java.util.Collection<String> userIds) {
    Set<String> with = new HashSet<>();
    lock.readLock().lock();
    try {
      for (String id : userIds) {
        if (decided.contains(tenant + "|" + id)) with.add(id);
      }
    } finally {
      lock.readLock().unlock();
    }
    return with;
  }

  /** The people under any key of the query, without {@code excludeUserId}, most recently active first. */
  public List<MatchCandidate> query(CandidateQuery query, String excludeUserId, int limit) {
    List<MatchCandidate> found = new ArrayList<>();
    if (limit <= 0) return found;
    Set<String> seen = new HashSet<>();
    lock.readLock().lock();
    try {
      for (String cell : query.cells()) {
        for (int band : query.ageBands()) {
          Map<String, Entry> bucket = buckets.get(bucket(query.tenant(), cell, band));
          if (bucket == null) continue;
          for (Map.Entry<String, Entry> e : bucket.entrySet()) {
            if (e.getKey().equals(excludeUserId) || !matchesAny(query, e.getValue().keys())) continue;
            if (seen.add(e.getKey())) found.add(e.getValue().candidate());
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    found.sort(MOST_RECENT_FIRST);
    return found.size() <= limit ? found : new ArrayList<>(found.subList(0, limit));
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

  /** Whether the held candidate's stated preferences were compiled in this year (else rebuild them). */
  public boolean builtFor(String tenant, String userId, int year) {
    lock.readLock().lock();
    try {
      Entry held = people.getOrDefault(tenant, Map.of()).get(userId);
      return held != null && held.year() == year;
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

  private static boolean matchesAny(CandidateQuery query, List<CandidateKey> keys) {
    for (CandidateKey key : keys) {
      if (query.matches(key)) return true;
    }
    return false;
  }

  private void link(String tenant, String userId, Entry entry) {
    people.computeIfAbsent(tenant, t -> new HashMap<>()).put(userId, entry);
    for (String b : bucketsOf(entry)) buckets.computeIfAbsent(b, x -> new HashMap<>()).put(userId, entry);
    size++;
  }

  private void unlink(String tenant, String userId, Entry entry) {
    Map<String, Entry> ofTenant = people.get(tenant);
    ofTenant.remove(userId);
    if (ofTenant.isEmpty()) people.remove(tenant);
    for (String b : bucketsOf(entry)) {
      Map<String, Entry> bucket = buckets.get(b);
      bucket.remove(userId);
      if (bucket.isEmpty()) buckets.remove(b);
    }
    size--;
  }

  private static Set<String> bucketsOf(Entry entry) {
    Set<String> of = new HashSet<>();
    for (CandidateKey key : entry.keys()) of.add(bucket(key.tenant(), key.cell(), key.ageBand()));
    return of;
  }

  private static String bucket(String tenant, String cell, int band) {
    return tenant + "|" + cell + "|" + band;
  }
}
