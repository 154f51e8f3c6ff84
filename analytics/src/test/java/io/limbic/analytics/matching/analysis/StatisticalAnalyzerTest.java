package io.limbic.analytics.matching.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.matching.Attribute;
import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.MatchAction;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.PreferenceModel;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatisticalAnalyzerTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final GeoPoint HERE = new GeoPoint(52.37, 4.89);
  private static final Profile ME = new Profile(1994, "m", Set.of("f"), HERE, List.of("film"), List.of("nl"), null);
  private static final Map<String, Profile> OTHERS = Map.of(
      "a", new Profile(1996, "f", Set.of("m"), HERE, List.of("jazz"), List.of("nl"), "hi"),
      "b", new Profile(1997, "f", Set.of("m"), HERE, List.of("golf"), List.of("nl"), "hi"),
      "c", new Profile(1993, "f", Set.of("m"), HERE, List.of("jazz"), List.of("nl"), "hi"));
  private final StatisticalAnalyzer analyzer = new StatisticalAnalyzer();

  private static Interaction at(String from, String to, InteractionType type, Duration ago) {
    return Interaction.of(from, to, type, NOW.minus(ago), from + to + type + ago);
  }

  private static AnalysisInput input(List<Interaction> interactions, List<MatchFeedback> feedback) {
    return new AnalysisInput("t1", "me", ME, interactions, feedback, OTHERS, NOW);
  }

  @Test
  void theLightPhaseSummarisesTheRecentWindow() {
    LightSummary summary = analyzer.summarize(input(List.of(
        at("me", "a", InteractionType.FAVORITE, Duration.ofDays(1)),
        at("me", "a", InteractionType.MESSAGE, Duration.ofDays(1)),
        at("me", "b", InteractionType.VIEW, Duration.ofDays(2)),
        at("c", "me", InteractionType.FAVORITE, Duration.ofDays(3)),
        at("me", "c", InteractionType.FAVORITE, Duration.ofDays(30))), List.of()));
    assertEquals(Map.of(InteractionType.FAVORITE, 1, InteractionType.MESSAGE, 1, InteractionType.VIEW, 1),
        summary.sent());
    assertEquals(Map.of(InteractionType.FAVORITE, 1), summary.received());
    assertEquals(3, summary.distinctPeople());
    assertEquals(List.of("a", "b"), summary.mostEngaged());
    assertEquals(NOW.minus(Duration.ofDays(1)), summary.lastInteractionAt());
  }

  @Test
  void theMediumPhaseLearnsFromWhatTheUserDid() {
    PreferenceModel model = analyzer.learn(input(List.of(
        at("me", "a", InteractionType.MESSAGE, Duration.ofDays(1)),
        at("me", "c", InteractionType.FAVORITE, Duration.ofDays(1)),
        at("b", "me", InteractionType.MESSAGE, Duration.ofDays(1))), List.of()));
    assertEquals(2, model.evidenceUsed(), "what others did to me is not my preference");
    assertTrue(model.of(Attribute.INTEREST).score("jazz") > model.of(Attribute.INTEREST).score("golf"));
  }

  @Test
  void theDeepPhaseRefinesWithFeedbackAndRanksCandidates() {
    AnalysisInput input = input(List.of(at("me", "a", InteractionType.FAVORITE, Duration.ofDays(1))),
        List.of(new MatchFeedback("b", MatchAction.PASS, NOW), new MatchFeedback("c", MatchAction.LIKE, NOW)));
    PreferenceModel learned = analyzer.learn(input);
    Vocabulary vocabulary = new Vocabulary();
    List<MatchCandidate> candidates = OTHERS.entrySet().stream().map(e -> MatchCandidate.of("t1", e.getKey(),
        e.getValue(), PreferenceScores.none(), NOW, vocabulary)).toList();
    MatchCandidate me = MatchCandidate.of("t1", "me", ME, PreferenceScores.none(), NOW, vocabulary);
    Relationships relationships = Relationships.of("me", input.interactions(), input.feedback(), NOW,
        Duration.ofDays(30));
    DeepAnalysis deep = analyzer.refine(input,
        learned, new CandidatePool(relationships.toSearcher(me, Set.of(), NOW), candidates, vocabulary), 10);
    assertEquals(3, deep.preferences().evidenceUsed());
    // a was favorited: a decision, so never suggested again (issue 11); b was passed
    assertEquals(List.of("c"), deep.matches().stream().map(m -> m.userId()).sorted().toList());
    assertEquals(3, deep.candidatesConsidered());
  }

  @Test
  void withoutFeedbackTheMediumModelStands() {
    AnalysisInput input = input(List.of(), List.of());
    PreferenceModel learned = analyzer.learn(input);
    Vocabulary vocabulary = new Vocabulary();
    MatchCandidate me = MatchCandidate.of("t1", "me", ME, PreferenceScores.none(), NOW, vocabulary);
    DeepAnalysis deep = analyzer.refine(input, learned,
        new CandidatePool(Relationships.of("me", List.of(), List.of(), NOW, Duration.ofDays(1))
            .toSearcher(me, Set.of(), NOW), List.of(), vocabulary), 10);
    assertSame(learned, deep.preferences());
    assertEquals(List.of(), deep.matches());
  }

  @Test
  void theLatestBlockOrUnblockWinsInEachDirection() {
    Relationships r = Relationships.of("me", List.of(
        at("me", "a", InteractionType.UNBLOCK, Duration.ofDays(1)),
        at("me", "a", InteractionType.BLOCK, Duration.ofDays(2)),
        at("me", "b", InteractionType.BLOCK, Duration.ofDays(1)),
        at("c", "me", InteractionType.BLOCK, Duration.ofDays(1)),
        at("a", "me", InteractionType.FAVORITE, Duration.ZERO)), List.of(), NOW, Duration.ofDays(30));
    assertEquals(Set.of("b"), r.blockedByUser());
    assertEquals(Set.of("c"), r.blockedUser());
    assertEquals(1.0, r.interestReceived().get("a"), 1e-12);
    assertNull(r.interestShown().get("b"));
    assertFalse(r.passed().contains("a"));
  }
}
