package io.limbic.analytics.matching.eval.realdata;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.scoring.PeerLean;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.analysis.AnalysisInput;
import io.limbic.analytics.matching.analysis.CandidatePool;
import io.limbic.analytics.matching.analysis.CandidateSide;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.scoring.CandidateHistory;
import io.limbic.analytics.matching.analysis.DeepAnalysis;
import io.limbic.analytics.matching.analysis.Relationships;
import io.limbic.analytics.matching.analysis.StatisticalAnalyzer;
import io.limbic.analytics.matching.index.CandidateBuckets;
import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.index.CandidateQuery;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceModel;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.ReciprocalScore;
import io.limbic.analytics.matching.scoring.Searcher;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant's deep phase, replayed offline with the classes the node's {@code StatisticalPhases} calls, in the
 * same order: the statistical analyzer learns the searcher's preferences from their interactions (both ways, as the
 * user entity holds them), the candidate-index query is built from them, the in-memory {@link CandidateBuckets}
 * answer it with the key scheme of the {@code candidate_index} read model, each candidate's side is built as the
 * node builds it, {@link Relationships} makes the searcher (blocks, decisions, interest shown), and the analyzer's
 * {@code refine} ranks the pool with {@code DailyMatches}. The only difference is that all candidates are ranked
 * instead of the best 10, so that every held-out partner has a place.
 */
final class NodeReplay {
  private static final Duration INTEREST_HALF_LIFE = Duration.ofDays(30);

  private final String tenant;
  private final Map<String, Profile> profiles;
  private final Map<String, List<Interaction>> involving = new HashMap<>();
  private final Instant now;
  private final StatisticalAnalyzer analyzer;
  private final PreferenceLearner statedPreferences = new PreferenceLearner(LearningSettings.DEFAULT);
  private final MatchWeights weights;
  private final Vocabulary vocabulary = new Vocabulary();
  private final CandidateBuckets index;
  private final Map<String, CandidateHistory> histories;
  private final Map<String, Map<String, Boolean>> verdicts = new HashMap<>();
  private final PeerLean peers;

  NodeReplay(String tenant, Map<String, Profile> profiles, List<Interaction> interactions,
      Map<String, CandidateHistory> histories, MatchWeights weights, Instant now) {
    this.tenant = tenant;
    this.histories = histories;
    this.weights = weights;
    this.analyzer = new StatisticalAnalyzer(LearningSettings.DEFAULT, weights, Duration.ofDays(7));
    this.profiles = profiles;
    this.now = now;
    for (Interaction i : interactions) {
      involving.computeIfAbsent(i.from(), k -> new ArrayList<>()).add(i);
      involving.computeIfAbsent(i.to(), k -> new ArrayList<>()).add(i);
      // What the node's user_decision read model keeps: the latest verdict per pair (favorite yes, pass no).
      verdicts.computeIfAbsent(i.from(), k -> new HashMap<>()).put(i.to(), i.type() == InteractionType.FAVORITE);
    }
    peers = new PeerLean(verdicts);
    index = new CandidateBuckets(now.atOffset(ZoneOffset.UTC).getYear());
    for (Map.Entry<String, Profile> p : profiles.entrySet()) {
      String id = p.getKey();
      List<Evidence> theirs = Evidence.fromInteractions(id, involving.getOrDefault(id, List.of()));
      index.add(CandidateSide.of(tenant, id, p.getValue(), now, theirs, profiles::get,
          histories.getOrDefault(id, CandidateHistory.NONE), statedPreferences, vocabulary, now));
    }
  }

  /** Candidate id -> their score with its breakdown, for everyone in the searcher's pool. */
  Map<String, ReciprocalScore> rank(String userId) {
    Profile profile = profiles.get(userId);
    List<Interaction> own = involving.getOrDefault(userId, List.of());
    AnalysisInput input = new AnalysisInput(tenant, userId, profile, own, List.of(), profiles, now);
    PreferenceModel learned = analyzer.learn(input);
    PreferenceScores scores = PreferenceScores.of(learned, vocabulary);
    Optional<CandidateQuery> query =
        CandidateIndex.queryFor(tenant, profile, weights.maxDistanceKm(), scores.acceptableAgeBands(0.05));
    List<MatchCandidate> pool = new ArrayList<>();
    for (MatchCandidate c : query.map(index::query).orElse(List.of())) {
      if (!c.userId().equals(userId)) pool.add(c);
    }
    MatchCandidate self = MatchCandidate.of(tenant, userId, profile, scores, now, vocabulary).withHistory(histories.getOrDefault(userId, CandidateHistory.NONE));
    Searcher searcher = Relationships.of(userId, own, List.of(), now, INTEREST_HALF_LIFE).toSearcher(self, Set.of(), now);
    DeepAnalysis deep = analyzer.refine(input, learned, new CandidatePool(searcher, pool, vocabulary, null, peers),
        pool.size());
    Map<String, ReciprocalScore> ranked = new HashMap<>();
    for (ReciprocalScore s : deep.matches()) ranked.put(s.userId(), s);
    return ranked;
  }
}
