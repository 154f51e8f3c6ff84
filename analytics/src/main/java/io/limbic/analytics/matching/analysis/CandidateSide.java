package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceModel;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.CandidateHistory;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The other side of a pair as the deep phase sees it: the candidate's preferences learned from their own decisions
 * (RECON: compat(candidate, searcher) comes from whom the candidate favorited and passed, with their stated
 * profile as the prior), and their history of deciding and being decided on. The node and the offline replay both
 * build candidates here.
 */
public final class CandidateSide {
  private CandidateSide() {}

  public static MatchCandidate of(String tenant, String userId, Profile profile, Instant lastActiveAt,
      List<Evidence> theirDecisions, Function<String, Profile> profileOf, CandidateHistory history,
      PreferenceLearner learner, Vocabulary vocabulary, Instant now) {
    PreferenceModel theirs = learner.learn(userId, profile, theirDecisions, profileOf, now);
    return MatchCandidate.of(tenant, userId, profile, PreferenceScores.of(theirs, vocabulary), lastActiveAt,
        vocabulary).withHistory(history);
  }
}
