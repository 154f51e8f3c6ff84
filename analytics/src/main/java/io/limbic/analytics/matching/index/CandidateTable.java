package io.limbic.analytics.matching.index;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.CandidateArray;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

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
  /** Most recently active first (never active last), then by user id: on the entry's own fields, no object read. */
  private static final Comparator<Entry> MOST_RECENT_FIRST = CandidateTable::compare;

  private static int compare(Entry a, Entry b) {
    if (a.activeSeconds != b.activeSeconds) return a.activeSeconds > b.activeSeconds ? -1 : 1;
    if (a.activeNanos != b.activeNanos) return a.activeNanos > b.activeNanos ? -1 : 1;
    return a.userId.compareTo(b.userId);
  }

  /**
   * A candidate as a query finds them, with what a deep phase asks of each: the year their stated preferences were
   * compiled in (age bands move with it) and whether they have a decision history (fed by {@link #decided}).
   */
  public record Held(MatchCandidate candidate, int year, boolean decided) {}

  /**
   * A query's answer: its people in order, each {@link Held} by position, and the candidates as a
   * {@link CandidateArray} (their rows' heads side by side) to score, which is the caller's to change: a candidate
   * set in place of one found (with their history, their own side learned) keeps the position's year and flag.
   */
  public static final class Found extends AbstractList<Held> implements RandomAccess {
    private final CandidateArray candidates;
    private final int[] years;
    private final boolean[] decided;

    private Found(int capacity) {
      candidates = new CandidateArray(capacity);
      years = new int[capacity];
      decided = new boolean[capacity];
    }

    private void add(Run run, int at, boolean hasDecisions) {
      years[candidates.size()] = run.years[at];
      decided[candidates.size()] = hasDecisions;
      candidates.addFrom(run.candidates, at);
    }

    @Override
    public Held get(int i) {
      return new Held(candidates.get(i), years[i], decided[i]);
    }

    @Override
    public int size() {
      return candidates.size();
    }

    public CandidateArray candidates() {
      return candidates;
    }

    /** The year the i-th person's stated preferences were compiled in. */
    public int year(int i) {
      return years[i];
    }

    /** Whether the i-th person has a decision history. */
    public boolean decided(int i) {
      return decided[i];
    }
  }

  /**
   * One person as held: the keys they are found under (one cell, age band and gender; a key per gender sought) and
   * their candidate with the stated preferences compiled in {@code year}; their activity and id copied out, so the
   * buckets' order is read from the entry alone.
   */
  private static final class Entry {
    final List<CandidateKey> keys;
    final MatchCandidate candidate;
    final Instant updatedAt;
    final int year;
    final String userId;
    /** lastActiveAt's epoch seconds and nanos; never active: Long.MIN_VALUE, below any instant's. */
    final long activeSeconds;
    final int activeNanos;

    Entry(List<CandidateKey> keys, MatchCandidate candidate, Instant updatedAt, int year) {
      this.keys = keys;
      this.candidate = candidate;
      this.updatedAt = updatedAt;
      this.year = year;
      this.userId = candidate.userId();
      Instant active = candidate.lastActiveAt();
      this.activeSeconds = active == null ? Long.MIN_VALUE : active.getEpochSecond();
      this.activeNanos = active == null ? 0 : active.getNano();
    }

    String place() {
      CandidateKey key = keys.get(0);
      return CandidateTable.place(key.tenant(), key.cell(), key.ageBand());
    }

    String gender() {
      return keys.get(0).gender();
    }
  }

  /**
   * Everyone under one key, in {@link #MOST_RECENT_FIRST} order, and the same as a {@link Run} for queries, made by
   * the first query after a change (under the read lock, so the set does not change meanwhile; two queries may both
   * make it, alike).
   */
  private static final class Bucket {
    final NavigableSet<Entry> entries = new TreeSet<>(MOST_RECENT_FIRST);
    private volatile Run inOrder;

    Run inOrder() {
      Run made = inOrder;
      if (made == null) {
        made = new Run(entries);
        inOrder = made;
      }
      return made;
    }

    void add(Entry e) {
      entries.add(e);
      inOrder = null;
    }

    void remove(Entry e) {
      entries.remove(e);
      inOrder = null;
    }
  }

  /**
   * One bucket as a query reads it: its people in order, what the order is made of (activity seconds and nanos, id)
   * and what a query hands out (candidate with their row's head, year) side by side, so a merge reads arrays front
   * to back and no entry or candidate.
   */
  private static final class Run {
    final long[] seconds;
    final int[] nanos;
    final String[] ids;
    final CandidateArray candidates;
    final int[] years;

    Run(Collection<Entry> inOrder) {
      int n = inOrder.size();
      seconds = new long[n];
      nanos = new int[n];
      ids = new String[n];
      candidates = new CandidateArray(n);
      years = new int[n];
      int i = 0;
      for (Entry e : inOrder) {
        seconds[i] = e.activeSeconds;
        nanos[i] = e.activeNanos;
        ids[i] = e.userId;
        candidates.add(e.candidate);
        years[i++] = e.year;
      }
    }

    int length() {
      return ids.length;
    }
  }

  /** gender -> gender sought -> everyone under that key. */
  private static final class Place {
    final Map<String, Map<String, Bucket>> byGender = new HashMap<>();
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
      if (held != null && held.updatedAt.isAfter(updatedAt)) return false;
      if (held == null && candidate != null && size >= maxPeople) {
        full = true;
        return false;
      }
      if (held != null) unlink(tenant, userId, held);
      if (candidate == null) return true;
      Instant active = latest(lastActiveAt, held == null ? null : held.candidate.lastActiveAt());
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
      return held != null && !held.updatedAt.isBefore(updatedAt);
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
      Instant was = held.candidate.lastActiveAt();
      if (was != null && !lastActiveAt.isAfter(was)) return;
      unlink(tenant, userId, held);
      link(tenant, userId,
          new Entry(held.keys, withLastActive(held.candidate, lastActiveAt), held.updatedAt, held.year));
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

  /** {@link #pool(CandidateQuery, String, Predicate, int)} leaving out nobody else. */
  public Found pool(CandidateQuery query, String excludeUserId, int limit) {
    return pool(query, excludeUserId, null, limit);
  }

  /**
   * The people under any key of the query, without {@code excludeUserId} and anyone whose id {@code leaveOut}
   * accepts (null: nobody; it is asked of every candidate, so it is for a searcher with blocks), most recently
   * active first, each with the year of their stated preferences and whether they have decisions: the buckets under
   * the query's keys, each already in order, merged up to the limit. A new answer each time.
   */
  public Found pool(CandidateQuery query, String excludeUserId, Predicate<String> leaveOut, int limit) {
    if (limit <= 0) return new Found(0);
    lock.readLock().lock();
    try {
      List<Run> runs = new ArrayList<>();
      int total = 0;
      for (String cell : query.cells()) {
        for (int band : query.ageBands()) {
          Place place = buckets.get(place(query.tenant(), cell, band));
          if (place == null) continue;
          Collection<Map<String, Bucket>> genders = query.genders().isEmpty()
              ? place.byGender.values()
              : query.genders().stream().map(place.byGender::get).filter(b -> b != null).toList();
          for (Map<String, Bucket> bySought : genders) {
            for (String sought : query.seeks()) {
              Bucket bucket = bySought.get(sought);
              if (bucket == null) continue;
              Run run = bucket.inOrder();
              runs.add(run);
              total += run.length();
            }
          }
        }
      }
      Entry excludedEntry = people.getOrDefault(query.tenant(), Map.of()).get(excludeUserId);
      MatchCandidate excluded = excludedEntry == null ? null : excludedEntry.candidate;
      Set<String> withDecisions = decided.getOrDefault(query.tenant(), Set.of());
      Found found = new Found(Math.min(limit, total));
      Merge merge = new Merge(runs);
      MatchCandidate last = null;
      while (found.size() < limit && !merge.isEmpty()) {
        Run run = merge.next();
        int at = merge.at();
        MatchCandidate c = run.candidates.get(at);
        // Someone who seeks two of the genders asked is in two of the buckets: the merge brings them out together.
        if (c == excluded || c == last) continue;
        last = c;
        if (leaveOut != null && leaveOut.test(run.ids[at])) continue;
        found.add(run, at, !withDecisions.isEmpty() && withDecisions.contains(run.ids[at]));
      }
      return found;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Runs merged: a binary heap of the runs by their next person, whose activity is copied beside the heap, so a
   * comparison reads two small arrays (and, on a tie, the two ids).
   */
  private static final class Merge {
    private final Run[] runs;
    /** Per run: where its next person is, and that person's activity seconds and nanos. */
    private final int[] next;
    private final long[] headSeconds;
    private final int[] headNanos;
    /** Run numbers, a binary heap by their next person. */
    private final int[] heap;
    private int size;
    /** Where in its run the person {@link #next} gave is. */
    private int taken;

    Merge(List<Run> from) {
      runs = from.toArray(new Run[0]);
      next = new int[runs.length];
      headSeconds = new long[runs.length];
      headNanos = new int[runs.length];
      heap = new int[runs.length];
      for (int r = 0; r < runs.length; r++) {
        if (runs[r].length() == 0) continue;
        head(r);
        heap[size] = r;
        up(size++);
      }
    }

    boolean isEmpty() {
      return size == 0;
    }

    /** The run of the next person in order, who is at {@link #at()} in it. */
    Run next() {
      int r = heap[0];
      taken = next[r]++;
      if (next[r] == runs[r].length()) {
        heap[0] = heap[--size];
      } else {
        head(r);
      }
      if (size > 0) down(0);
      return runs[r];
    }

    int at() {
      return taken;
    }

    private void head(int r) {
      headSeconds[r] = runs[r].seconds[next[r]];
      headNanos[r] = runs[r].nanos[next[r]];
    }

    /** Whether run a's next person comes before run b's: {@link #MOST_RECENT_FIRST}. */
    private boolean before(int a, int b) {
      if (headSeconds[a] != headSeconds[b]) return headSeconds[a] > headSeconds[b];
      if (headNanos[a] != headNanos[b]) return headNanos[a] > headNanos[b];
      return runs[a].ids[next[a]].compareTo(runs[b].ids[next[b]]) < 0;
    }

    private void up(int at) {
      while (at > 0) {
        int parent = (at - 1) / 2;
        if (!before(heap[at], heap[parent])) return;
        swap(at, parent);
        at = parent;
      }
    }

    private void down(int at) {
      while (true) {
        int left = 2 * at + 1;
        if (left >= size) return;
        int child = left + 1 < size && before(heap[left + 1], heap[left]) ? left + 1 : left;
        if (!before(heap[child], heap[at])) return;
        swap(at, child);
        at = child;
      }
    }

    private void swap(int a, int b) {
      int r = heap[a];
      heap[a] = heap[b];
      heap[b] = r;
    }
  }

  /** The held candidate, stated preferences and no history; null when not held. */
  public MatchCandidate candidate(String tenant, String userId) {
    lock.readLock().lock();
    try {
      Entry held = people.getOrDefault(tenant, Map.of()).get(userId);
      return held == null ? null : held.candidate;
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
    Map<String, Bucket> bySought =
        buckets.computeIfAbsent(entry.place(), p -> new Place()).byGender.computeIfAbsent(entry.gender(),
            g -> new HashMap<>());
    for (CandidateKey key : entry.keys) bySought.computeIfAbsent(key.seeks(), s -> new Bucket()).add(entry);
    size++;
  }

  /** Takes the entry out before its order can change: a bucket finds an entry by its activity and id. */
  private void unlink(String tenant, String userId, Entry entry) {
    Map<String, Entry> ofTenant = people.get(tenant);
    ofTenant.remove(userId);
    if (ofTenant.isEmpty()) people.remove(tenant);
    Place place = buckets.get(entry.place());
    Map<String, Bucket> bySought = place.byGender.get(entry.gender());
    for (CandidateKey key : entry.keys) {
      Bucket bucket = bySought.get(key.seeks());
      if (bucket == null) continue; // a gender sought twice
      bucket.remove(entry);
      if (bucket.entries.isEmpty()) bySought.remove(key.seeks());
    }
    if (bySought.isEmpty()) place.byGender.remove(entry.gender());
    if (place.byGender.isEmpty()) buckets.remove(entry.place());
    size--;
  }

  private static String place(String tenant, String cell, int band) {
    return tenant + "|" + cell + "|" + band;
  }
}
