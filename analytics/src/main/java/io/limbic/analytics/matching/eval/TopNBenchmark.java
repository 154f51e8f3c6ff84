package io.limbic.analytics.matching.eval;

import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.DailyMatches;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.Searcher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times {@link DailyMatches#topN} over a pool of 100,000 candidates on one thread: the cost of one user's daily
 * matches once the candidate index has answered. Every candidate has a learned preference model (30 random pieces
 * of evidence), so both directions of compatibility are real work. Reported twice: with the default 100 km limit
 * (people beyond it leave after one comparison, as in production) and with a 500 km limit, where every candidate in
 * the synthetic population is fully scored - the worst case.
 *
 * <p>Not a test: a benchmark reports numbers. Run: {@code java -cp analytics/target/classes
 * io.limbic.analytics.matching.eval.TopNBenchmark [candidates] [searchers]}.
 */
public final class TopNBenchmark {
  private TopNBenchmark() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int searchers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    long started = System.nanoTime();
    List<SyntheticPerson> people = SyntheticPopulation.generate(7, size + searchers, now);
    List<MatchCandidate> all = learnedCandidates(people, now);
    List<MatchCandidate> pool = all.subList(0, size);
    List<MatchCandidate> searching = all.subList(size, size + searchers);
    System.out.printf(Locale.ROOT, "setup: %d candidates with learned preferences in %.1f s%n", size,
        (System.nanoTime() - started) / 1e9);
    // a read model is long-lived: let the collector compact it, as it would have long before a day's matching
    System.gc();
    for (double maxKm : new double[] {MatchWeights.DEFAULT.maxDistanceKm(), 500}) {
      MatchWeights weights = MatchWeights.DEFAULT.withMaxDistanceKm(maxKm);
      run(pool, searching.subList(0, Math.min(50, searchers)), weights, now); // warm-up for the JIT
      long[][] times = run(pool, searching, weights, now);
      System.out.printf(Locale.ROOT, "topN(n=10) over %d candidates, max %.0f km, %d searchers:%n", size, maxKm,
          searchers);
      print("wall", times[0]);
      print("cpu ", times[1]);
    }
  }

  private static void print(String clock, long[] nanos) {
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "  %s p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms%n", clock,
        nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
        nanos[nanos.length - 1] / 1e6);
  }

  /**
   * Wall and thread-CPU nanoseconds per searcher. CPU time is reported too because on a shared machine wall time
   * also measures the neighbours; CPU time still includes cache misses, which is most of the cost here.
   */
  private static long[][] run(List<MatchCandidate> pool, List<MatchCandidate> searching, MatchWeights weights,
      Instant now) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] wall = new long[searching.size()];
    long[] cpu = new long[searching.size()];
    long checksum = 0;
    for (int i = 0; i < wall.length; i++) {
      Searcher searcher = Searcher.fresh(searching.get(i), now);
      long startCpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      checksum += DailyMatches.topN(searcher, pool, DailyMatches.DEFAULT_N, weights).size();
      wall[i] = System.nanoTime() - start;
      cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
    }
    if (checksum < 0) System.out.println(checksum); // keeps the work observable to the JIT
    return new long[][] {wall, cpu};
  }

  private static List<MatchCandidate> learnedCandidates(List<SyntheticPerson> people, Instant now) {
    PreferenceLearner learner = new PreferenceLearner(LearningSettings.DEFAULT);
    Vocabulary vocabulary = new Vocabulary();
    Random random = new Random(11);
    List<MatchCandidate> candidates = new ArrayList<>(people.size());
    for (SyntheticPerson person : people) {
      List<Evidence> evidence = new ArrayList<>();
      for (int k = 0; k < 30; k++) {
        SyntheticPerson other = people.get(random.nextInt(people.size()));
        InteractionType type = random.nextBoolean() ? InteractionType.FAVORITE : InteractionType.VIEW;
        evidence.add(new Evidence(other.id(), type.evidence(random.nextInt(60)),
            now.minus(Duration.ofHours(random.nextInt(24 * 60)))));
      }
      PreferenceScores scores = PreferenceScores.of(learner.learn(person.id(), person.profile(), evidence,
          id -> people.get(Integer.parseInt(id.substring(1))).profile(), now), vocabulary);
      candidates.add(MatchCandidate.of(SyntheticPopulation.TENANT, person.id(), person.profile(), scores,
          person.lastActiveAt(), vocabulary));
    }
    return candidates;
  }
}
