package io.limbic.analytics.matching.scoring;

import static io.limbic.analytics.matching.scoring.ScoringFixture.AMSTERDAM;
import static io.limbic.analytics.matching.scoring.ScoringFixture.NOW;
import static io.limbic.analytics.matching.scoring.ScoringFixture.person;
import static io.limbic.analytics.matching.scoring.ScoringFixture.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.limbic.analytics.matching.GeoPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class DailyMatchesTest {
  private static final String[] INTERESTS = {"jazz", "golf", "film", "chess", "running"};

  private static List<MatchCandidate> crowd(int size, long seed) {
    Random random = new Random(seed);
    List<MatchCandidate> crowd = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      GeoPoint at = new GeoPoint(AMSTERDAM.lat() + random.nextGaussian() * 0.3,
          AMSTERDAM.lon() + random.nextGaussian() * 0.3);
      crowd.add(person("c" + i, profile(1970 + random.nextInt(35), random.nextBoolean() ? "m" : "f",
          random.nextBoolean() ? "m" : "f", at, INTERESTS[random.nextInt(INTERESTS.length)])));
    }
    return crowd;
  }

  private static final MatchCandidate ANNA = person("anna", profile(1995, "f", "m", AMSTERDAM, "jazz"));

  @Test
  void topNIsTheBestOfABruteForceRankingBestFirst() {
    List<MatchCandidate> crowd = crowd(500, 1);
    Searcher searcher = new Searcher(ANNA, Set.of("c1", "c2"), Set.of("c3"), Set.of("c4"), Set.of(), Set.of(), Map.of(),
        Map.of(), NOW);
    ReciprocalScorer scorer = new ReciprocalScorer(searcher, MatchWeights.DEFAULT);
    List<ReciprocalScore> expected = crowd.stream().map(scorer::explain).filter(s -> s != null)
        .sorted(Comparator.comparingDouble(ReciprocalScore::score).reversed()).limit(10).toList();
    List<ReciprocalScore> top = DailyMatches.topN(searcher, crowd);
    assertEquals(10, top.size());
    assertEquals(expected.stream().map(ReciprocalScore::score).toList(),
        top.stream().map(ReciprocalScore::score).toList());
    for (String excluded : List.of("c1", "c2", "c3", "c4")) {
      assertFalse(top.stream().anyMatch(s -> s.userId().equals(excluded)));
    }
  }

  /** The rules before distance are applied only to candidates good enough to be kept: they must still keep out all. */
  @Test
  void theBestCandidatesExcludedAndTheSearcherInThePoolLeaveTheNextBest() {
    List<MatchCandidate> crowd = new ArrayList<>(crowd(500, 4));
    crowd.add(0, ANNA);
    List<String> unfiltered = DailyMatches.topN(Searcher.fresh(ANNA, NOW), crowd(500, 4)).stream()
        .map(ReciprocalScore::userId).toList();
    Set<String> blocked = Set.of(unfiltered.get(0)), passed = Set.of(unfiltered.get(1)),
        decided = Set.of(unfiltered.get(2));
    Searcher searcher = new Searcher(ANNA, blocked, Set.of(), passed, Set.of(), decided, Map.of(), Map.of(), NOW);
    ReciprocalScorer scorer = new ReciprocalScorer(searcher, MatchWeights.DEFAULT);
    List<String> expected = crowd.stream().map(scorer::explain).filter(s -> s != null)
        .sorted(Comparator.comparingDouble(ReciprocalScore::score).reversed()).limit(10)
        .map(ReciprocalScore::userId).toList();

    List<String> top = DailyMatches.topN(searcher, crowd).stream().map(ReciprocalScore::userId).toList();

    assertEquals(expected, top);
    assertEquals(unfiltered.subList(3, 10), top.subList(0, 7), "the next best move up");
    assertFalse(top.contains("anna"));
  }

  @Test
  void fewerCandidatesThanNGiveThemAll() {
    assertEquals(3, DailyMatches.topN(Searcher.fresh(ANNA, NOW), crowd(3, 2), 10, MatchWeights.DEFAULT).size());
    assertEquals(List.of(), DailyMatches.topN(Searcher.fresh(ANNA, NOW), crowd(3, 2), 0, MatchWeights.DEFAULT));
  }

  @Test
  void anInterruptedThreadStopsTheWork() {
    List<MatchCandidate> crowd = crowd(50, 3);
    Thread.currentThread().interrupt();
    try {
      assertThrows(CancellationException.class, () -> DailyMatches.topN(Searcher.fresh(ANNA, NOW), crowd));
    } finally {
      Thread.interrupted();
    }
  }
}
