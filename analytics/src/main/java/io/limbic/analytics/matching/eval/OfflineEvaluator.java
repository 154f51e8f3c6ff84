package io.limbic.analytics.matching.eval;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.analysis.Relationships;
import io.limbic.analytics.matching.index.CandidateBuckets;
import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.DailyMatches;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.ReciprocalScore;
import io.limbic.analytics.matching.scoring.ReciprocalScorer;
import io.limbic.analytics.matching.scoring.Searcher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Offline evaluation of daily matches against a population whose true tastes are known ({@link SyntheticPopulation},
 * {@link InteractionSimulator}).
 *
 * <p>Everyone's preferences are learned from the simulated interactions alone. Then, for every searcher, each
 * method ranks the same pool: the searcher's candidate-index query, minus the hard filters and minus everyone the
 * searcher already interacted with (those are not news). A suggestion is a hit when it is a true mutual match: each
 * side's noise-free hidden utility for the other reaches the favorite threshold. precision@10 = hits / 10 averaged
 * over searchers with at least 10 eligible candidates; hit rate = share of those searchers with at least one hit.
 * "oracle" ranks by the hidden utilities themselves and bounds what any method could reach.
 */
public final class OfflineEvaluator {
  static final int N = DailyMatches.DEFAULT_N;

  /** One method's result. */
  public record MethodResult(String method, double precisionAt10, double hitRate) {}

  /** The evaluation, with the base rate (share of eligible candidates that are true mutual matches). */
  public record Report(int population, int interactions, int searchers, double baseRate, List<MethodResult> methods) {

    public MethodResult method(String name) {
      return methods.stream().filter(m -> m.method().equals(name)).findFirst().orElseThrow();
    }

    public String table() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "population %d, interactions %d, searchers %d, base rate %.4f%n", population, interactions, searchers,
          baseRate));
      out.append(String.format(Locale.ROOT, "%-28s %14s %9s%n", "method", "precision@10", "hit rate"));
      for (MethodResult m : methods) {
        out.append(String.format(Locale.ROOT, "%-28s %14.4f %9.4f%n", m.method(), m.precisionAt10(), m.hitRate()));
      }
      return out.toString();
    }
  }

  private OfflineEvaluator() {}

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    int browse = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    long started = System.nanoTime();
    Report report = evaluate(seed, size, browse);
    System.out.printf(Locale.ROOT, "seed %d, browse %d per person, %.1f s%n", seed, browse,
        (System.nanoTime() - started) / 1e9);
    System.out.print(report.table());
  }

  public static Report evaluate(long seed, int size, int browse) {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    int year = now.atOffset(ZoneOffset.UTC).getYear();
    List<SyntheticPerson> people = SyntheticPopulation.generate(seed, size, now);
    Map<String, SyntheticPerson> byId = new HashMap<>();
    for (SyntheticPerson person : people) byId.put(person.id(), person);
    Vocabulary vocabulary = new Vocabulary();
    CandidateBuckets feed = buckets(people, person -> PreferenceScores.none(), year, vocabulary);
    List<Interaction> interactions = InteractionSimulator.simulate(people, byId, feed, browse, seed + 1, now, year);

    Map<String, List<Interaction>> involving = new HashMap<>();
    for (Interaction i : interactions) {
      involving.computeIfAbsent(i.from(), k -> new ArrayList<>()).add(i);
      involving.computeIfAbsent(i.to(), k -> new ArrayList<>()).add(i);
    }
    PreferenceLearner learner = new PreferenceLearner(LearningSettings.DEFAULT);
    Map<String, PreferenceScores> learned = new HashMap<>();
    for (SyntheticPerson person : people) {
      List<Evidence> evidence = Evidence.fromInteractions(person.id(), involving.getOrDefault(person.id(), List.of()));
      learned.put(person.id(), PreferenceScores.of(learner.learn(person.id(), person.profile(), evidence,
          id -> byId.get(id).profile(), now), vocabulary));
    }
    Map<String, MatchCandidate> candidates = new HashMap<>();
    CandidateBuckets index = buckets(people, person -> learned.get(person.id()), year, vocabulary);
    for (SyntheticPerson person : people) {
      candidates.put(person.id(), candidate(person, learned.get(person.id()), vocabulary));
    }
    Map<String, Integer> popularity = new HashMap<>();
    for (Interaction i : interactions) {
      if (i.evidence() >= 1) popularity.merge(i.to(), 1, Integer::sum);
    }

    Map<String, int[]> tallies = new LinkedHashMap<>();
    for (String method : List.of("random", "popularity", "reciprocal (compat only)", "reciprocal (default weights)",
        "oracle (hidden utilities)")) {
      tallies.put(method, new int[2]);
    }
    MatchWeights compatOnly = new MatchWeights(0, 1, 0, 0, 0, 100, MatchWeights.DEFAULT.recencyHalfLife());
    Random random = new Random(seed + 2);
    int searchers = 0;
    double baseRate = 0;
    for (SyntheticPerson person : people) {
      List<Interaction> own = involving.getOrDefault(person.id(), List.of());
      Set<String> seen = new HashSet<>();
      for (Interaction i : own) seen.add(i.from().equals(person.id()) ? i.to() : i.from());
      Searcher searcher = Relationships.of(person.id(), own, List.of(), now, LearningSettings.DEFAULT.halfLife())
          .toSearcher(candidates.get(person.id()), seen, now);
      ReciprocalScorer filter = new ReciprocalScorer(searcher, MatchWeights.DEFAULT);
      List<MatchCandidate> pool = CandidateIndex.queryFor(SyntheticPopulation.TENANT, person.profile(),
          MatchWeights.DEFAULT.maxDistanceKm(), CandidateIndex.allAgeBands()).map(index::query).orElse(List.of());
      List<MatchCandidate> eligible = new ArrayList<>(pool);
      eligible.removeIf(c -> filter.exclusion(c) != null);
      if (eligible.size() < N) continue;
      searchers++;
      Map<String, Double> bothWant = new HashMap<>();
      for (MatchCandidate c : eligible) {
        SyntheticPerson other = byId.get(c.userId());
        bothWant.put(c.userId(), Math.min(person.wants(other, year), other.wants(person, year)));
      }
      // both utilities reach the threshold exactly when the smaller one does
      Function<MatchCandidate, Boolean> mutual = c -> bothWant.get(c.userId()) >= InteractionSimulator.FAVORITE_AT;
      baseRate += eligible.stream().filter(mutual::apply).count() / (double) eligible.size();

      List<MatchCandidate> shuffled = new ArrayList<>(eligible);
      Collections.shuffle(shuffled, random);
      record(tallies.get("random"), shuffled.subList(0, N), mutual);
      List<MatchCandidate> popular = new ArrayList<>(eligible);
      popular.sort(Comparator.comparingInt((MatchCandidate c) -> popularity.getOrDefault(c.userId(), 0)).reversed());
      record(tallies.get("popularity"), popular.subList(0, N), mutual);
      record(tallies.get("reciprocal (compat only)"), ids(DailyMatches.topN(searcher, pool, N, compatOnly), candidates),
          mutual);
      record(tallies.get("reciprocal (default weights)"),
          ids(DailyMatches.topN(searcher, pool, N, MatchWeights.DEFAULT), candidates), mutual);
      List<MatchCandidate> oracle = new ArrayList<>(eligible);
      oracle.sort(Comparator.comparingDouble((MatchCandidate c) -> -bothWant.get(c.userId())));
      record(tallies.get("oracle (hidden utilities)"), oracle.subList(0, N), mutual);
    }
    List<MethodResult> results = new ArrayList<>();
    int evaluated = searchers;
    tallies.forEach((method, t) -> results.add(
        new MethodResult(method, t[0] / (double) (N * evaluated), t[1] / (double) evaluated)));
    return new Report(size, interactions.size(), searchers, baseRate / searchers, results);
  }

  private static void record(int[] tally, List<MatchCandidate> top, Function<MatchCandidate, Boolean> mutual) {
    int hits = (int) top.stream().filter(mutual::apply).count();
    tally[0] += hits;
    if (hits > 0) tally[1]++;
  }

  private static List<MatchCandidate> ids(List<ReciprocalScore> scores, Map<String, MatchCandidate> candidates) {
    return scores.stream().map(s -> candidates.get(s.userId())).toList();
  }

  private static CandidateBuckets buckets(
      List<SyntheticPerson> people, Function<SyntheticPerson, PreferenceScores> preferences, int year,
      Vocabulary vocabulary) {
    CandidateBuckets buckets = new CandidateBuckets(year);
    for (SyntheticPerson person : people) buckets.add(candidate(person, preferences.apply(person), vocabulary));
    return buckets;
  }

  private static MatchCandidate candidate(
      SyntheticPerson person, PreferenceScores preferences, Vocabulary vocabulary) {
    Profile profile = person.profile();
    return MatchCandidate.of(SyntheticPopulation.TENANT, person.id(), profile, preferences, person.lastActiveAt(),
        vocabulary);
  }
}
