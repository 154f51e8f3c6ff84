package io.limbic.loadtest;

import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.eval.SyntheticPerson;
import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.index.CandidateQuery;
import io.limbic.analytics.matching.index.CandidateTable;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceModel;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.DailyMatches;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.Searcher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The in-memory part of a deep phase on a node, without the node: the idle benchmark's 100,000 people
 * ({@link IdleBenchmarkProfiles}, the same seed) held in a {@link CandidateTable} as a node holds them, then for
 * each searcher the pool read from the table ({@code CandidateTable.pool}, as {@code StatisticalPhases} asks it) and
 * the day's matches picked from it ({@link DailyMatches#topN}). Thread CPU time per searcher, split in the two.
 * No decisions, so no histories or peer lean: the part that is the same for everyone.
 *
 * <p>{@code loadtest/deep-phase-benchmark.sh} runs it on an earlier build as well, for a baseline in the same script:
 * that build's analytics jar, and this class as built there when the table's answer was a plain list of
 * {@code Held} (before {@code CandidateTable.Found}).
 *
 * <p>Run: {@code java -cp <analytics classes>:<this module's classes> io.limbic.loadtest.DeepPhaseBenchmark
 * [people] [searchers] [rounds]}.
 */
public final class DeepPhaseBenchmark {
  private static final String TENANT = "bench";
  private static final int MAX_CANDIDATES = 100_000;

  private DeepPhaseBenchmark() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int searchers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Instant now = Instant.now();
    long started = System.nanoTime();
    List<SyntheticPerson> people = IdleBenchmarkProfiles.people(size);
    PreferenceLearner learner = new PreferenceLearner(LearningSettings.DEFAULT);
    CandidateTable table = new CandidateTable(new Vocabulary(), learner, size);
    for (SyntheticPerson p : people) {
      table.put(TENANT, p.id(), p.profile(), now, p.lastActiveAt(), now);
    }
    System.gc();
    System.out.printf(Locale.ROOT, "setup: %,d people held in %.1f s%n", table.size(),
        (System.nanoTime() - started) / 1e9);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round <= rounds; round++) {
      long[] pool = new long[searchers];
      long[] rank = new long[searchers];
      long poolSizes = 0, checksum = 0;
      for (int i = 0; i < searchers; i++) {
        SyntheticPerson me = people.get((round * searchers + i) * 7919 % people.size());
        PreferenceModel model = learner.learn(me.id(), me.profile(), List.of(), id -> null, now);
        PreferenceScores scores = PreferenceScores.of(model, table.vocabulary());
        Optional<CandidateQuery> query = CandidateIndex.queryFor(TENANT, me.profile(),
            MatchWeights.DEFAULT.maxDistanceKm(), scores.acceptableAgeBands(0.05));
        if (query.isEmpty()) continue;
        long t0 = threads.getCurrentThreadCpuTime();
        List<MatchCandidate> candidates = table.pool(query.get(), me.id(), MAX_CANDIDATES).candidates();
        long t1 = threads.getCurrentThreadCpuTime();
        MatchCandidate self = MatchCandidate.of(TENANT, me.id(), me.profile(), scores, now, table.vocabulary());
        checksum += DailyMatches.topN(Searcher.fresh(self, now), candidates).size();
        long t2 = threads.getCurrentThreadCpuTime();
        pool[i] = t1 - t0;
        rank[i] = t2 - t1;
        poolSizes += candidates.size();
      }
      if (checksum < 0) System.out.println(checksum); // keeps the work observable to the JIT
      if (round == 0) continue; // warm-up for the JIT
      long[] total = new long[searchers];
      for (int i = 0; i < searchers; i++) total[i] = pool[i] + rank[i];
      System.out.printf(Locale.ROOT, "round %d, %d searchers, mean pool %,d: CPU ms p50/p99  pool %s  rank %s  "
          + "total %s%n", round, searchers, poolSizes / searchers, percentiles(pool), percentiles(rank),
          percentiles(total));
    }
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "%5.1f/%5.1f", sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6);
  }
}
