package io.limbic.analytics.matching.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.analytics.matching.AgeBand;
import io.limbic.analytics.matching.DistanceBand;
import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Traits;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.eval.SyntheticPerson;
import io.limbic.analytics.matching.eval.SyntheticPopulation;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompatLookupTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final int YEAR = 2026;
  private static final PreferenceLearner LEARNER = new PreferenceLearner(LearningSettings.DEFAULT);

  /** Someone with preferences learned from random favorites and views among {@code people}. */
  private record Person(Traits traits, PreferenceScores preferences, double[] row) {}

  private static List<Person> learned(List<SyntheticPerson> people, List<Profile> extra, Vocabulary vocabulary,
      Random random) {
    List<Profile> profiles = new ArrayList<>();
    people.forEach(p -> profiles.add(p.profile()));
    profiles.addAll(extra);
    List<Person> out = new ArrayList<>();
    for (int i = 0; i < profiles.size(); i++) {
      List<Evidence> evidence = new ArrayList<>();
      for (int k = random.nextInt(40); k > 0; k--) {
        int other = random.nextInt(people.size());
        InteractionType type = random.nextBoolean() ? InteractionType.FAVORITE : InteractionType.VIEW;
        evidence.add(new Evidence(people.get(other).id(), type.evidence(random.nextInt(60)),
            NOW.minus(Duration.ofHours(random.nextInt(24 * 60)))));
      }
      Profile profile = profiles.get(i);
      PreferenceScores scores = PreferenceScores.of(LEARNER.learn("p" + i, profile, evidence,
          id -> people.get(Integer.parseInt(id.substring(1))).profile(), NOW), vocabulary);
      MatchCandidate candidate = MatchCandidate.of("t", "p" + i, profile, scores, null, vocabulary);
      out.add(new Person(candidate.traits(), scores, candidate.row().values));
    }
    return out;
  }

  /** Edge cases: nothing but a birth year; terms nobody else has; only a gender; many languages. */
  private static List<Profile> odd() {
    GeoPoint at = new GeoPoint(52.37, 4.89);
    return List.of(
        new Profile(1990, null, Set.of(), at, List.of(), List.of(), null),
        new Profile(null, "nonbinary-rare", Set.of("m"), at, List.of("kite-surfing-rare", "jazz"), List.of("fy"), null),
        new Profile(1980, "f", Set.of("m"), at, List.of(), List.of(), null),
        new Profile(2000, "m", Set.of("f"), null, List.of("chess"), List.of("nl", "en", "de", "fr", "es"), null));
  }

  @Test
  void givesPreferenceScoresCompatToTheLastBitBothWays() {
    Random random = new Random(5);
    Vocabulary vocabulary = new Vocabulary();
    List<SyntheticPerson> people = SyntheticPopulation.generate(3, 300, NOW);
    List<Person> everyone = learned(people, odd(), vocabulary, random);
    // terms first seen after the lookups are built: ids beyond their arrays
    MatchCandidate late = MatchCandidate.of("t", "late", new Profile(1970, "late-gender", Set.of(), null,
        List.of("late-interest", "jazz"), List.of("late-language"), null), PreferenceScores.none(), null, vocabulary);
    int compared = 0;
    for (Person me : everyone) {
      int myBand = me.traits().ageBand(YEAR);
      CompatLookup lookup = new CompatLookup(me.preferences(), me.traits(), myBand);
      for (int k = 0; k < 60; k++) {
        Person other = everyone.get(random.nextInt(everyone.size()));
        int distanceBand = random.nextInt(DistanceBand.COUNT + 1) - 1; // DistanceBand.UNKNOWN too
        int otherBand = other.traits().ageBand(YEAR);
        assertEquals(me.preferences().compat(other.traits(), otherBand, distanceBand),
            lookup.forward(other.row(), otherBand, distanceBand), 0.0);
        assertEquals(other.preferences().compat(me.traits(), myBand, distanceBand),
            lookup.backward(other.row(), distanceBand), 0.0);
        compared++;
      }
      assertEquals(me.preferences().compat(late.traits(), AgeBand.UNKNOWN, 0),
          lookup.forward(late.row().values, AgeBand.UNKNOWN, 0), 0.0);
    }
    assertEquals(everyone.size() * 60, compared);
  }
}
