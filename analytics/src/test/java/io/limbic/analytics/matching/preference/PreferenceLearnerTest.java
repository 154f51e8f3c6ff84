package io.limbic.analytics.matching.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.matching.Attribute;
import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreferenceLearnerTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final GeoPoint HERE = new GeoPoint(52.37, 4.89);
  private static final Profile SELF = new Profile(1994, "m", Set.of("f"), HERE, List.of("film"), List.of("nl"), null);
  private static final Map<String, Profile> OTHERS = Map.of(
      "jazzy", new Profile(1999, "f", Set.of("m"), HERE, List.of("jazz"), List.of("en"), null),
      "sporty", new Profile(1970, "f", Set.of("m"), HERE, List.of("running"), List.of("nl"), null),
      "him", new Profile(1995, "m", Set.of("f"), HERE, List.of("jazz"), List.of("nl"), null));
  private final PreferenceLearner learner = new PreferenceLearner(LearningSettings.DEFAULT);

  private PreferenceModel learn(List<Evidence> evidence) {
    return learner.learn("me", SELF, evidence, OTHERS::get, NOW);
  }

  private static List<Evidence> favorites(String who, int count, Duration ago) {
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < count; i++) evidence.add(new Evidence(who, 1.0, NOW.minus(ago)));
    return evidence;
  }

  @Test
  void withNoEvidenceTheStatedPreferenceIsThePrior() {
    PreferenceModel model = learn(List.of());
    AttributePreference gender = model.of(Attribute.GENDER);
    assertTrue(gender.score("f") > 0.7, "sought gender scores high: " + gender);
    assertTrue(gender.score("m") < 0.3, "unsought gender scores low: " + gender);
    assertEquals(0, gender.evidence());
    assertEquals(LearningSettings.DEFAULT.statedPriorStrength(), gender.priorMass(), 1e-12);
  }

  @Test
  void withNoEvidenceAndNoStatedPreferenceEverythingIsNeutral() {
    PreferenceModel model = learner.learn("me", Profile.empty(), List.of(), OTHERS::get, NOW);
    for (Attribute attribute : Attribute.values()) {
      assertEquals(0, model.of(attribute).confidence());
      assertEquals(0.5, model.of(attribute).score("anything"), 1e-12);
    }
  }

  @Test
  void evidenceMovesThePreference() {
    double before = learn(List.of()).of(Attribute.INTEREST).score("jazz");
    PreferenceModel after = learn(favorites("jazzy", 5, Duration.ofDays(1)));
    assertTrue(after.of(Attribute.INTEREST).score("jazz") > before + 0.2, after.describe(3).toString());
    assertTrue(after.of(Attribute.INTEREST).score("jazz") > after.of(Attribute.INTEREST).score("film"));
    assertTrue(after.of(Attribute.LANGUAGE).score("en") > after.of(Attribute.LANGUAGE).score("de"));
    assertEquals(1.0, after.of(Attribute.AGE_BAND).weights().get("25-29"), 1e-12);
  }

  @Test
  void confidenceGrowsWithEvidence() {
    double one = learn(favorites("jazzy", 1, Duration.ZERO)).of(Attribute.INTEREST).confidence();
    double ten = learn(favorites("jazzy", 10, Duration.ZERO)).of(Attribute.INTEREST).confidence();
    assertTrue(ten > one && ten < 1, one + " -> " + ten);
  }

  @Test
  void behaviourCanOverruleTheStatedPreferenceGivenEnoughEvidence() {
    PreferenceModel model = learn(favorites("him", 20, Duration.ofDays(1)));
    AttributePreference gender = model.of(Attribute.GENDER);
    assertTrue(gender.score("m") > gender.score("f"), gender.toString());
  }

  @Test
  void oldEvidenceDecays() {
    PreferenceModel fresh = learn(favorites("jazzy", 4, Duration.ZERO));
    PreferenceModel old = learn(favorites("jazzy", 4, Duration.ofDays(60)));
    assertEquals(4.0, fresh.of(Attribute.INTEREST).evidence(), 1e-9);
    assertEquals(1.0, old.of(Attribute.INTEREST).evidence(), 1e-9, "two half-lives leave a quarter");
    assertTrue(old.of(Attribute.INTEREST).score("jazz") < fresh.of(Attribute.INTEREST).score("jazz"));
  }

  @Test
  void newerEvidenceOutweighsOlderEvidence() {
    List<Evidence> evidence = new ArrayList<>(favorites("sporty", 3, Duration.ofDays(90)));
    evidence.addAll(favorites("jazzy", 3, Duration.ofDays(1)));
    AttributePreference interests = learn(evidence).of(Attribute.INTEREST);
    assertTrue(interests.score("jazz") > interests.score("running"), interests.toString());
  }

  @Test
  void negativeEvidenceLowersAValueButAddsNoConfidence() {
    List<Evidence> evidence = new ArrayList<>(favorites("jazzy", 2, Duration.ZERO));
    evidence.addAll(favorites("sporty", 2, Duration.ZERO));
    PreferenceModel liked = learn(evidence);
    evidence.add(new Evidence("sporty", -1.0, NOW));
    PreferenceModel then = learn(evidence);
    assertTrue(then.of(Attribute.INTEREST).score("running") < liked.of(Attribute.INTEREST).score("running"));
    assertEquals(liked.of(Attribute.INTEREST).confidence(), then.of(Attribute.INTEREST).confidence(), 1e-12);
  }

  @Test
  void evidenceAboutUnknownPeopleIsIgnored() {
    PreferenceModel model = learn(List.of(new Evidence("stranger", 1.0, NOW)));
    assertEquals(0, model.evidenceUsed());
  }

  @Test
  void theModelDescribesItself() {
    List<String> lines = learn(favorites("jazzy", 3, Duration.ZERO)).describe(2);
    assertEquals(Attribute.values().length, lines.size());
    assertTrue(lines.get(Attribute.INTEREST.ordinal()).startsWith("INTEREST (evidence 3.0"), lines.toString());
    assertTrue(lines.get(Attribute.INTEREST.ordinal()).contains("jazz=1.00"), lines.toString());
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new PreferenceLearner(LearningSettings.DEFAULT.withHalfLife(Duration.ZERO)));
  }
}
