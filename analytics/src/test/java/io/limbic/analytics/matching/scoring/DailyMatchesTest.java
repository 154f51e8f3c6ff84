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
