package io.limbic.analytics.matching.scoring;

import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Traits;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.PreferenceScores;
import java.time.Instant;

/**
 * Someone who may be suggested, as the candidate read model holds them in memory: their profile, their own compiled
 * preferences (needed for the other half of reciprocity) and when they were last active.
 *
 * @param lastActiveAt null when never seen active
 * @param completeness cached {@link Profile#completeness()}, so scoring does not recompute it per searcher
 * @param traits the profile packed with the same vocabulary as {@code preferences}
 * @param history what the candidate has shown by deciding and being decided on
 * @param row what scoring reads of all the above, in one array: derived from them by the other constructor
 */
public record MatchCandidate(
    String tenant,
    String userId,
    Profile profile,
    PreferenceScores preferences,
    Instant lastActiveAt,
    double completeness,
    Traits traits,
    CandidateHistory history,
    ScoringRow row) {

  public MatchCandidate(String tenant, String userId, Profile profile, PreferenceScores preferences,
      Instant lastActiveAt, double completeness, Traits traits, CandidateHistory history) {
    this(tenant, userId, profile, preferences, lastActiveAt, completeness, traits, history,
        ScoringRow.of(traits, preferences, lastActiveAt, completeness, history));
  }

  public static MatchCandidate of(String tenant, String userId, Profile profile, PreferenceScores preferences,
      Instant lastActiveAt, Vocabulary vocabulary) {
    return new MatchCandidate(tenant, userId, profile, preferences, lastActiveAt, profile.completeness(),
        Traits.of(profile, vocabulary), CandidateHistory.NONE);
  }

  public MatchCandidate withPreferences(PreferenceScores newPreferences) {
    return new MatchCandidate(tenant, userId, profile, newPreferences, lastActiveAt, completeness, traits, history);
  }

  public MatchCandidate withHistory(CandidateHistory newHistory) {
    if (newHistory.equals(history)) return this;
    return new MatchCandidate(tenant, userId, profile, preferences, lastActiveAt, completeness, traits, newHistory);
  }
}
