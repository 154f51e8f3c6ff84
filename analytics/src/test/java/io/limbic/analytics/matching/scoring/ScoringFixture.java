package io.limbic.analytics.matching.scoring;

import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small, readable people for scoring tests, all in one tenant around Amsterdam. */
final class ScoringFixture {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final String TENANT = "t1";
  static final GeoPoint AMSTERDAM = new GeoPoint(52.37, 4.89);
  static final GeoPoint UTRECHT = new GeoPoint(52.09, 5.12);
  static final GeoPoint PARIS = new GeoPoint(48.86, 2.35);
  static final Vocabulary VOCABULARY = new Vocabulary();

  private ScoringFixture() {}

  static Profile profile(int birthYear, String gender, String seeking, GeoPoint at, String interest) {
    return new Profile(birthYear, gender, Set.of(seeking), at, List.of(interest), List.of("nl"), "x".repeat(150));
  }

  /** A candidate whose preferences are learned from favoriting the given people, now. */
  static MatchCandidate person(String id, Profile profile, Map<String, Profile> favorites) {
    List<Evidence> evidence = favorites.keySet().stream().map(other -> new Evidence(other, 1.0, NOW)).toList();
    PreferenceScores scores = PreferenceScores.of(new PreferenceLearner(LearningSettings.DEFAULT)
        .learn(id, profile, evidence, favorites::get, NOW), VOCABULARY);
    return MatchCandidate.of(TENANT, id, profile, scores, NOW, VOCABULARY);
  }

  static MatchCandidate person(String id, Profile profile) {
    return person(id, profile, Map.of());
  }
}
