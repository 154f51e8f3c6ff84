package io.limbic.cluster.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.index.CandidateTable;
import io.limbic.analytics.matching.eval.SyntheticPerson;
import io.limbic.analytics.matching.eval.SyntheticPopulation;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.cluster.matching.NodeCandidates;
import io.limbic.cluster.matching.TenantWeights;
import io.limbic.cluster.user.MatchingState;
import io.limbic.projections.erasure.ErasedSubjects;
import io.limbic.projections.matching.CandidateFeed;
import io.limbic.projections.matching.CandidateRepository;
import io.limbic.projections.matching.DecisionRepository;
import io.limbic.projections.matching.MatchOutcomes;
import io.limbic.projections.matching.ProfileProjectionHandler;
import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.ProfileData;
import io.limbic.protocol.user.UserCommand.IdlePhaseDone;
import io.limbic.protocol.user.UserEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deep phase reading its pool from the node's candidate table gives the same matches as reading it from the
 * database, and leaves out a person erased before it ends. With {@code -Ddeep.bench.users=N} (and optionally
 * {@code deep.bench.searchers}, {@code deep.bench.postgres=true}, {@code deep.bench.decisions=false} for nobody
 * having decided yet, as in the idle benchmark, {@code deep.bench.tableOnly=true} to profile the table way alone)
 * it is the before/after benchmark of the deep
 * phase's cost per candidate: both ways, in the same run, on the same population (thread CPU time per job).
 */
class DeepPhaseTableTest {
  private static final String TENANT = "eval";
  private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

  private record Setup(ReadModelDatabase db, List<SyntheticPerson> people, StatisticalPhases fromDatabase,
      StatisticalPhases fromTable) implements AutoCloseable {
    @Override
    public void close() {
      db.close();
    }
  }

  private static Setup setup(int users, boolean postgres) throws Exception {
    ReadModelDatabase db = postgres ? ReadModelDatabase.postgres() : ReadModelDatabase.h2();
    List<SyntheticPerson> people = SyntheticPopulation.generate(7, users, NOW);
    ProfileProjectionHandler handler = new ProfileProjectionHandler();
    List<UserEvent> batch = new ArrayList<>();
    for (SyntheticPerson p : people) {
      batch.add(new UserEvent.ProfileUpdated(TENANT, p.id(), NOW.minusSeconds(3600), data(p.profile())));
      if (batch.size() == 1000) {
        db.projectGroup(handler, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) db.projectGroup(handler, batch);
    try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO user_activity (tenant, user_id, active_since, last_active_at, heartbeats) VALUES (?, ?, ?, ?, 1)")) {
      for (SyntheticPerson p : people) {
        if (p.lastActiveAt() == null) continue;
        s.setString(1, TENANT);
        s.setString(2, p.id());
        s.setTimestamp(3, Timestamp.from(p.lastActiveAt()));
        s.setTimestamp(4, Timestamp.from(p.lastActiveAt()));
        s.addBatch();
      }
      s.executeBatch();
      c.commit();
    }
    // Some people decided on others, so candidates with a history and learned preferences are compared too.
    java.util.Random random = new java.util.Random(13);
    try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO user_decision (tenant, user_id, target_id, says_yes, evidence, decided_at, first_decided_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Set<String> pairs = new java.util.HashSet<>();
      int decisions = Boolean.parseBoolean(System.getProperty("deep.bench.decisions", "true")) ? users / 3 : 0;
      for (int i = 0; i < decisions; i++) {
        String from = people.get(random.nextInt(users)).id();
        String to = people.get(random.nextInt(users)).id();
        if (from.equals(to) || !pairs.add(from + ">" + to)) continue;
        boolean yes = random.nextBoolean();
        Timestamp at = Timestamp.from(NOW.minusSeconds(60 + random.nextInt(86_400)));
        s.setString(1, TENANT);
        s.setString(2, from);
        s.setString(3, to);
        s.setBoolean(4, yes);
        s.setDouble(5, yes ? 1.0 : -0.5);
        s.setTimestamp(6, at);
        s.setTimestamp(7, at);
        s.addBatch();
      }
      s.executeBatch();
      c.commit();
    }
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    TenantWeights weights = new TenantWeights(new MatchOutcomes(db.dataSource), clock, Duration.ofHours(1), 1000);
    StatisticalPhases fromDatabase = phases(db, weights, null);
    NodeCandidates held = new NodeCandidates(new CandidateFeed(db.dataSource),
        new NodeCandidates.Settings(true, 1_000_000, Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(10)),
        Clock.systemUTC());
    return new Setup(db, people, fromDatabase, phases(db, weights, held));
  }

  private static StatisticalPhases phases(ReadModelDatabase db, TenantWeights weights, NodeCandidates held) {
    return new StatisticalPhases(new io.limbic.analytics.matching.analysis.StatisticalAnalyzer(),
        new CandidateRepository(db.dataSource), new DecisionRepository(db.dataSource), weights, MatchWeights.DEFAULT,
        10, 100_000, held);
  }

  private static ProfileData data(Profile p) {
    return new ProfileData(p.birthYear(), p.gender(), List.copyOf(p.seeking()),
        p.location() == null ? null : p.location().lat(), p.location() == null ? null : p.location().lon(),
        p.interests(), p.languages(), p.about());
  }

  private static IdlePhaseDone deep(StatisticalPhases phases, SyntheticPerson p) throws Exception {
    return deep(phases, p, Set.of(), Set.of());
  }

  private static IdlePhaseDone deep(StatisticalPhases phases, SyntheticPerson p, Set<String> blockedByMe,
      Set<String> blockedMe) throws Exception {
    MatchingState state = new MatchingState(data(p.profile()), List.of(), blockedByMe, blockedMe, List.of(), null, 2,
        Map.of(), List.of(), null);
    return (IdlePhaseDone) phases.job(new PhaseInput(1, TENANT, p.id(), 3, NOW.minusSeconds(600), NOW, state)).call();
  }

  /** The first person whose deep phase (the table way) gives at least {@code n} matches. */
  private static SyntheticPerson withMatches(Setup s, int n) throws Exception {
    for (SyntheticPerson p : s.people()) {
      if (matched(deep(s.fromTable(), p)).size() >= n) return p;
    }
    throw new AssertionError("nobody of " + s.people().size() + " has " + n + " matches");
  }

  private static List<String> matched(IdlePhaseDone done) {
    return done.matches().stream().map(DailyMatch::userId).toList();
  }

  @Test
  void theTableGivesTheSameMatchesAsTheDatabase() throws Exception {
    try (Setup s = setup(600, false)) {
      int compared = 0;
      for (int i = 0; i < 600; i += 37) {
        SyntheticPerson p = s.people().get(i);
        IdlePhaseDone db = deep(s.fromDatabase(), p);
        IdlePhaseDone table = deep(s.fromTable(), p);
        assertEquals(db.candidatesConsidered(), table.candidatesConsidered(), p.id());
        assertEquals(matched(db), matched(table), p.id());
        for (int k = 0; k < db.matches().size(); k++) {
          assertEquals(db.matches().get(k).score(), table.matches().get(k).score(), 1e-9, p.id());
        }
        if (!db.matches().isEmpty()) compared++;
      }
      assertTrue(compared > 5, "enough searchers had matches: " + compared);
    }
  }

  @Test
  void aPersonErasedBeforeTheDeepPhaseEndsIsNoMatch() throws Exception {
    try (Setup s = setup(300, false)) {
      SyntheticPerson searcher = withMatches(s, 1);
      List<String> before = matched(deep(s.fromTable(), searcher));
      String erased = before.get(0);
      // marked only: the profile is still in user_profile (the erasure deletes it in a later step)
      try (Connection c = s.db().dataSource.getConnection()) {
        c.setAutoCommit(false);
        ErasedSubjects.mark(c, TENANT, erased, ErasedSubjects.USER, List.of(erased), Instant.now());
        c.commit();
      }
      assertFalse(matched(deep(s.fromTable(), searcher)).contains(erased));
      assertFalse(matched(deep(s.fromDatabase(), searcher)).contains(erased));
    }
  }

  @Test
  void someoneBlockedEitherWayIsNoMatchAndTheNextBestTakesTheirPlace() throws Exception {
    try (Setup s = setup(300, false)) {
      SyntheticPerson searcher = withMatches(s, 3);
      List<String> before = matched(deep(s.fromTable(), searcher));
      String best = before.get(0), second = before.get(1);
      assertEquals(second, matched(deep(s.fromTable(), searcher, Set.of(best), Set.of())).get(0));
      assertEquals(second, matched(deep(s.fromTable(), searcher, Set.of(), Set.of(best))).get(0));
      List<String> after = matched(deep(s.fromTable(), searcher, Set.of(best), Set.of(second)));
      assertFalse(after.contains(best));
      assertFalse(after.contains(second));
      assertEquals(before.get(2), after.get(0));
      assertEquals(matched(deep(s.fromDatabase(), searcher, Set.of(best), Set.of(second))), after);
    }
  }

  /** Not a test unless {@code deep.bench.users} is set: the before/after figures. */
  @Test
  void costPerCandidate() throws Exception {
    String users = System.getProperty("deep.bench.users");
    if (users == null) return;
    int searchers = Integer.parseInt(System.getProperty("deep.bench.searchers", "40"));
    try (Setup s = setup(Integer.parseInt(users), Boolean.getBoolean("deep.bench.postgres"))) {
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      boolean tableOnly = Boolean.getBoolean("deep.bench.tableOnly");
      deep(s.fromTable(), s.people().get(0)); // loads the table
      long heapBefore = heapAfterGc();
      long loadStart = cpu.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      CandidateTable second = new NodeCandidates(new CandidateFeed(s.db().dataSource),
          new NodeCandidates.Settings(true, 1_000_000, Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(10)),
          Clock.systemUTC()).table().orElseThrow();
      System.out.printf("table load: %d people, %.0f ms CPU, %.0f ms wall%n", s.people().size(),
          (cpu.getCurrentThreadCpuTime() - loadStart) / 1e6, (System.nanoTime() - wallStart) / 1e6);
      // every bucket's copy for queries made, as queries make them
      for (SyntheticPerson p : s.people()) {
        CandidateIndex.queryFor(TENANT, p.profile(), MatchWeights.DEFAULT.maxDistanceKm(),
            CandidateIndex.allAgeBands()).ifPresent(q -> second.pool(q, p.id(), 1));
      }
      long bytes = heapAfterGc() - heapBefore;
      System.out.printf("table heap: %d people held, %.0f bytes each (heap used after GC, with and without a second"
          + " table whose buckets were all queried), %.0f people per GB%n", second.size(),
          (double) bytes / second.size(), second.size() * 1e9 / bytes);
      for (int w = 0; w < 5; w++) {
        if (!tableOnly) deep(s.fromDatabase(), s.people().get(w + 1));
        deep(s.fromTable(), s.people().get(w + 1));
      }
      double[][] ms = new double[2][searchers];
      double[][] perCandidateUs = new double[2][searchers];
      long[][] wall = new long[2][searchers];
      int step = Math.max(1, s.people().size() / searchers);
      for (int i = 0; i < searchers; i++) {
        SyntheticPerson p = s.people().get((i * step + 11) % s.people().size());
        for (int way = tableOnly ? 1 : 0; way < 2; way++) {
          long c0 = cpu.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          IdlePhaseDone done = deep(way == 0 ? s.fromDatabase() : s.fromTable(), p);
          wall[way][i] = System.nanoTime() - w0;
          ms[way][i] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
          perCandidateUs[way][i] = ms[way][i] * 1000 / Math.max(1, done.candidatesConsidered());
        }
      }
      String[] names = {"database", "table"};
      for (int way = 0; way < 2; way++) {
        double[] w = Arrays.stream(wall[way]).mapToDouble(n -> n / 1e6).toArray();
        System.out.printf("%-8s deep job CPU p50 %.1f ms p99 %.1f ms; wall p50 %.1f ms p99 %.1f ms;"
                + " CPU per candidate p50 %.2f us p99 %.2f us%n", names[way], pct(ms[way], 50), pct(ms[way], 99),
            pct(w, 50), pct(w, 99), pct(perCandidateUs[way], 50), pct(perCandidateUs[way], 99));
      }
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    }
    return used;
  }

  private static double pct(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
