package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceModel;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.DailyMatches;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.ReciprocalScore;
import io.limbic.analytics.matching.scoring.Searcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analyzer built on counting: a Dirichlet preference model ({@link PreferenceLearner}) and reciprocal scoring
 * ({@link DailyMatches}). Deterministic for a given input, so a phase re-run after a crash gives the same result.
 */
public final class StatisticalAnalyzer implements Analyzer {
  private final PreferenceLearner learner;
  private final MatchWeights weights;
  private final Duration summaryWindow;

  public StatisticalAnalyzer(LearningSettings learning, MatchWeights weights, Duration summaryWindow) {
    this.learner = new PreferenceLearner(learning);
    this.weights = weights.requireValid();
    this.summaryWindow = summaryWindow;
  }

  public StatisticalAnalyzer() {
    this(LearningSettings.DEFAULT, MatchWeights.DEFAULT, Duration.ofDays(7));
  }

  @Override
  public LightSummary summarize(AnalysisInput input) {
    Instant since = input.now().minus(summaryWindow);
    Map<InteractionType, Integer> sent = new EnumMap<>(InteractionType.class);
    Map<InteractionType, Integer> received = new EnumMap<>(InteractionType.class);
    Map<String, Double> engagement = new HashMap<>();
    Set<String> people = new HashSet<>();
    Instant last = null;
    for (Interaction interaction : input.interactions()) {
      if (interaction.at().isBefore(since) || interaction.at().isAfter(input.now())) continue;
      boolean outgoing = input.userId().equals(interaction.from());
      if (!outgoing && !input.userId().equals(interaction.to())) continue;
      (outgoing ? sent : received).merge(interaction.type(), 1, Integer::sum);
      people.add(outgoing ? interaction.to() : interaction.from());
      if (outgoing && interaction.evidence() > 0) {
        engagement.merge(interaction.to(), interaction.evidence(), Double::sum);
      }
      if (last == null || interaction.at().isAfter(last)) last = interaction.at();
    }
    List<String> mostEngaged = engagement.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(5).map(Map.Entry::getKey).toList();
    return new LightSummary(input.userId(), input.now(), (int) summaryWindow.toDays(), sent, received,
        people.size(), last, mostEngaged);
  }

  @Override
  public PreferenceModel learn(AnalysisInput input) {
    List<Evidence> evidence = Evidence.fromInteractions(input.userId(), input.interactions());
    return learner.learn(input.userId(), input.profile(), evidence, input.profiles()::get, input.now());
  }

  /**
   * Feedback on earlier matches is evidence the medium phase does not use; with none, the medium model stands.
   * Relearning from all evidence rather than updating is exact and cheap (linear in the user's interactions).
   */
  @Override
  public DeepAnalysis refine(AnalysisInput input, PreferenceModel learned, CandidatePool pool, int n) {
    PreferenceModel refined = learned;
    if (!input.feedback().isEmpty()) {
      List<Evidence> evidence = new ArrayList<>(Evidence.fromInteractions(input.userId(), input.interactions()));
      for (MatchFeedback feedback : input.feedback()) {
        evidence.add(Evidence.fromAction(feedback.candidateId(), feedback.action(), feedback.at()));
      }
      refined = learner.learn(input.userId(), input.profile(), evidence, input.profiles()::get, input.now());
    }
    Searcher searcher = pool.searcher().withSelf(
        pool.searcher().self().withPreferences(PreferenceScores.of(refined, pool.vocabulary())));
    MatchWeights inForce = pool.mutual() == null ? weights : weights.withMutual(pool.mutual());
    List<ReciprocalScore> matches = DailyMatches.topN(searcher, pool.candidates(), n, inForce, pool.peers());
    return new DeepAnalysis(refined, matches, input.now(), pool.candidates().size());
  }
}
