package io.limbic.analytics.matching.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Traits;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateTableTest {
  private static final GeoPoint AMSTERDAM = new GeoPoint(52.37, 4.89);
  private static final GeoPoint NEW_YORK = new GeoPoint(40.71, -74.0);
  private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
  private static final PreferenceLearner LEARNER = new PreferenceLearner(LearningSettings.DEFAULT);

  private static CandidateTable table(int max) {
    return new CandidateTable(new Vocabulary(), LEARNER, max);
  }

  private static Profile person(String gender, Set<String> seeking, GeoPoint at) {
    return new Profile(1995, gender, seeking, at, List.of("climbing", "jazz"), List.of("nl"), null);
  }

  private static CandidateQuery searcherQuery(String gender, Set<String> seeking, GeoPoint at) {
    return CandidateIndex.queryFor("t", person(gender, seeking, at), 50, CandidateIndex.allAgeBands()).orElseThrow();
  }

  private static List<String> ids(List<CandidateTable.Held> found) {
    return found.stream().map(h -> h.candidate().userId()).toList();
  }

  @Test
  void addedPeopleAreFoundUnderTheirKeysOnly() {
    CandidateTable table = table(100);
    table.put("t", "her", person("f", Set.of("m"), AMSTERDAM), NOW, null, NOW);
    table.put("t", "far", person("f", Set.of("m"), NEW_YORK), NOW, null, NOW);
    table.put("t", "notMe", person("f", Set.of("f"), AMSTERDAM), NOW, null, NOW);
    table.put("other", "elsewhere", person("f", Set.of("m"), AMSTERDAM), NOW, null, NOW);
    table.put("t", "nowhere", person("f", Set.of("m"), null), NOW, null, NOW);

    assertEquals(List.of("her"), ids(table.pool(searcherQuery("m", Set.of("f"), AMSTERDAM), "me", 10)));
    assertEquals(4, table.size(), "the profile without a location is not held");
  }

  @Test
  void someoneUnderTwoKeysOfAQueryIsFoundOnceAndAnUpdateMovesThemOutOfBoth() {
    CandidateTable table = table(100);
    table.put("t", "both", person("f", Set.of("m", "x"), AMSTERDAM), NOW, NOW, NOW);
    table.put("t", "open", person("f", Set.of(), AMSTERDAM), NOW, NOW.minusSeconds(1), NOW);
    CandidateQuery mine = searcherQuery("m", Set.of("f"), AMSTERDAM);
    CandidateQuery both = new CandidateQuery("t", mine.cells(), mine.ageBands(), mine.genders(),
        Set.of("m", "x", CandidateIndex.OPEN));
    assertEquals(List.of("both", "open"), ids(table.pool(both, "me", 10)));
    assertEquals(List.of("both", "open"), ids(table.pool(mine, "me", 10)));

    table.put("t", "both", person("f", Set.of("f"), AMSTERDAM), NOW.plusSeconds(1), NOW, NOW);
    assertEquals(List.of("open"), ids(table.pool(both, "me", 10)));
    assertEquals(2, table.size());
  }

  @Test
  void mostRecentlyActiveComeFirstThenByIdUpToTheLimit() {
    CandidateTable table = table(100);
    table.put("t", "b", person("f", Set.of(), AMSTERDAM), NOW, NOW.minusSeconds(60), NOW);
    table.put("t", "a", person("f", Set.of(), AMSTERDAM), NOW, NOW.minusSeconds(60), NOW);
    table.put("t", "c", person("f", Set.of(), AMSTERDAM), NOW, NOW.minusSeconds(10), NOW);
    table.put("t", "never", person("f", Set.of(), AMSTERDAM), NOW, null, NOW);
    table.put("t", "me", person("f", Set.of(), AMSTERDAM), NOW, NOW, NOW);

    CandidateQuery query = searcherQuery("m", Set.of(), AMSTERDAM);
    assertEquals(List.of("c", "a", "b", "never"), ids(table.pool(query, "me", 10)));
    assertEquals(List.of("c", "a"), ids(table.pool(query, "me", 2)));

    table.active("t", "never", NOW.minusSeconds(1));
    table.active("t", "c", NOW.minusSeconds(3600)); // older than held: ignored
    assertEquals(List.of("never", "c", "a", "b"), ids(table.pool(query, "me", 10)));
  }

  /** People left out (a searcher's blocks) make room for the next ones, up to the limit. */
  @Test
  void thoseLeftOutMakeRoomForTheNextUpToTheLimit() {
    CandidateTable table = table(100);
    for (String id : List.of("a", "b", "c", "d")) {
      table.put("t", id, person("f", Set.of(), AMSTERDAM), NOW, NOW.minusSeconds(id.charAt(0)), NOW);
    }
    CandidateQuery query = searcherQuery("m", Set.of(), AMSTERDAM);
    assertEquals(List.of("a", "c"), ids(table.pool(query, "me", Set.of("b")::contains, 2)));
    assertEquals(List.of("b", "d"), ids(table.pool(query, "me", Set.of("a", "c")::contains, 10)));
    CandidateTable.Found found = table.pool(query, "me", Set.of("c")::contains, 10);
    assertEquals(found.stream().map(CandidateTable.Held::candidate).toList(), found.candidates());
  }

  /** The order holds across buckets too (each gender is one), to the nanosecond and then by id. */
  @Test
  void peopleUnderDifferentKeysAreMergedByActivityToTheNanosecondThenById() {
    CandidateTable table = table(100);
    Instant minuteAgo = NOW.minusSeconds(60);
    table.put("t", "b", person("f", Set.of(), AMSTERDAM), NOW, minuteAgo, NOW);
    table.put("t", "a", person("x", Set.of(), AMSTERDAM), NOW, minuteAgo, NOW);
    table.put("t", "e", person("m", Set.of(), AMSTERDAM), NOW, minuteAgo, NOW);
    table.put("t", "d", person("m", Set.of(), AMSTERDAM), NOW, minuteAgo.plusNanos(1), NOW);
    table.put("t", "c", person("x", Set.of(), AMSTERDAM), NOW, minuteAgo.minusNanos(1), NOW);
    table.put("t", "f", person("f", Set.of(), AMSTERDAM), NOW, minuteAgo.minusNanos(1), NOW);

    CandidateQuery query = searcherQuery("m", Set.of(), AMSTERDAM);
    assertEquals(List.of("d", "a", "b", "e", "c", "f"), ids(table.pool(query, "me", 10)));
    assertEquals(List.of("d", "a", "b"), ids(table.pool(query, "me", 3)));
  }

  @Test
  void anUpdateReplacesTheKeysAndAnOlderOneIsIgnored() {
    CandidateTable table = table(100);
    CandidateQuery nearAmsterdam = searcherQuery("m", Set.of("f"), AMSTERDAM);
    CandidateQuery nearNewYork = searcherQuery("m", Set.of("f"), NEW_YORK);
    table.put("t", "her", person("f", Set.of("m"), AMSTERDAM), NOW, null, NOW);

    assertTrue(table.put("t", "her", person("f", Set.of("m"), NEW_YORK), NOW.plusSeconds(5), null, NOW));
    assertEquals(List.of(), ids(table.pool(nearAmsterdam, "me", 10)));
    assertEquals(List.of("her"), ids(table.pool(nearNewYork, "me", 10)));

    assertFalse(table.put("t", "her", person("f", Set.of("m"), AMSTERDAM), NOW, null, NOW));
    assertEquals(List.of("her"), ids(table.pool(nearNewYork, "me", 10)));

    // no location any more: dropped, as the read model drops their keys
    assertTrue(table.put("t", "her", person("f", Set.of("m"), null), NOW.plusSeconds(9), null, NOW));
    assertEquals(List.of(), ids(table.pool(nearNewYork, "me", 10)));
    assertEquals(0, table.size());
  }

  @Test
  void aRemovedPersonIsNeverFoundAgainEvenIfTheFeedStillBringsTheirProfile() {
    CandidateTable table = table(100);
    CandidateQuery query = searcherQuery("m", Set.of("f"), AMSTERDAM);
    table.put("t", "her", person("f", Set.of("m"), AMSTERDAM), NOW, NOW, NOW);
    table.put("t", "other", person("f", Set.of("m"), AMSTERDAM), NOW, null, NOW);

    table.remove("t", "her");
    assertEquals(List.of("other"), ids(table.pool(query, "me", 10)));
    assertNull(table.candidate("t", "her"));

    assertFalse(table.put("t", "her", person("f", Set.of("m"), AMSTERDAM), NOW.plusSeconds(60), null, NOW));
    table.active("t", "her", NOW.plusSeconds(60));
    assertEquals(List.of("other"), ids(table.pool(query, "me", 10)));
    assertEquals(1, table.size());
    // the same id in another tenant is another person
    assertTrue(table.put("u", "her", person("f", Set.of("m"), AMSTERDAM), NOW, null, NOW));
  }

  @Test
  void aFullTableRefusesNewPeopleAndSaysSo() {
    CandidateTable table = table(2);
    assertTrue(table.put("t", "a", person("f", Set.of(), AMSTERDAM), NOW, null, NOW));
    assertTrue(table.put("t", "b", person("f", Set.of(), AMSTERDAM), NOW, null, NOW));
    assertFalse(table.full());
    assertTrue(table.put("t", "a", person("m", Set.of(), AMSTERDAM), NOW.plusSeconds(1), null, NOW), "an update fits");
    assertFalse(table.put("t", "c", person("f", Set.of(), AMSTERDAM), NOW, null, NOW));
    assertTrue(table.full());
  }

  @Test
  void rememberedErasuresAndDecisionsAreBoundedToo() {
    CandidateTable erasing = table(2);
    erasing.remove("t", "x");
    erasing.remove("t", "y");
    erasing.remove("t", "x");
    assertFalse(erasing.full(), "two erased people fit");
    erasing.remove("t", "z");
    assertTrue(erasing.full(), "a third is more than the table remembers");

    CandidateTable deciding = table(5);
    for (String id : List.of("a", "c", "d")) deciding.put("t", id, person("f", Set.of(), AMSTERDAM), NOW, null, NOW);
    deciding.decided("t", "a", "b");
    deciding.decided("t", "b", "c");
    deciding.decided("u", "d", "e"); // another tenant's d
    assertFalse(deciding.full());
    java.util.Map<String, Boolean> flags = new java.util.TreeMap<>();
    for (CandidateTable.Held h : deciding.pool(searcherQuery("m", Set.of(), AMSTERDAM), "me", 10)) {
      flags.put(h.candidate().userId(), h.decided());
    }
    assertEquals(java.util.Map.of("a", true, "c", true, "d", false), flags);
    deciding.decided("t", "c", "d");
    assertTrue(deciding.full(), "a sixth person with decisions is more than it remembers");
  }

  @Test
  void heldCandidatesCarryTheStatedModelLearningFromNoDecisionsGives() {
    CandidateTable table = table(10);
    Profile her = new Profile(1990, "f", Set.of("m"), AMSTERDAM, List.of("jazz", "chess"), List.of("nl", "en"), "hi");
    table.put("t", "her", her, NOW, NOW, NOW);
    MatchCandidate held = table.candidate("t", "her");
    Vocabulary vocabulary = table.vocabulary();
    PreferenceScores fresh = PreferenceScores.of(LEARNER.learn("her", her, List.of(), id -> null, NOW), vocabulary);
    CandidateTable.Held found = table.pool(searcherQuery("m", Set.of("f"), AMSTERDAM), "me", 10).get(0);
    assertEquals(2026, found.year(), "compiled in the year of now");
    assertEquals(held, found.candidate());
    assertEquals(her.completeness(), held.completeness());
    Random random = new Random(3);
    String[] genders = {"m", "f", "x"};
    String[] terms = {"jazz", "chess", "golf", "nl", "en", "de"};
    for (int i = 0; i < 50; i++) {
      Profile other = new Profile(1960 + random.nextInt(45), genders[random.nextInt(3)], Set.of(), AMSTERDAM,
          List.of(terms[random.nextInt(6)], terms[random.nextInt(6)]), List.of(terms[random.nextInt(6)]), null);
      Traits traits = Traits.of(other, vocabulary);
      int band = traits.ageBand(2026);
      int distance = random.nextInt(5);
      assertEquals(fresh.compat(traits, band, distance), held.preferences().compat(traits, band, distance), 1e-12);
    }
  }

  /** The same answer as the reference in-memory index (and so the read model) on a random population. */
  @Test
  void agreesWithTheReferenceIndex() {
    Random random = new Random(11);
    String[] genders = {"m", "f", "x", null};
    CandidateTable table = table(10_000);
    CandidateBuckets reference = new CandidateBuckets(2026);
    Vocabulary vocabulary = new Vocabulary();
    List<Profile> searchers = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String gender = genders[random.nextInt(4)];
      Set<String> seeking = random.nextInt(4) == 0 ? Set.of() : Set.of(genders[random.nextInt(3)]);
      GeoPoint at = new GeoPoint(51.5 + 1.5 * random.nextDouble(), 3.5 + 3 * random.nextDouble());
      Profile p = new Profile(1950 + random.nextInt(55), gender, seeking, at, List.of(), List.of(), null);
      String id = "u" + i;
      table.put("t", id, p, NOW, NOW.minusSeconds(random.nextInt(1000)), NOW);
      reference.add(MatchCandidate.of("t", id, p, PreferenceScores.none(), null, vocabulary));
      if (i < 40) searchers.add(p);
    }
    for (Profile searcher : searchers) {
      CandidateQuery query =
          CandidateIndex.queryFor("t", searcher, 40, new int[] {1, 2, 3}).orElseThrow();
      List<String> expected = reference.query(query).stream().map(MatchCandidate::userId).sorted().toList();
      List<String> got = new ArrayList<>(ids(table.pool(query, null, 100_000)));
      List<MatchCandidate> ordered =
          table.pool(query, null, 100_000).stream().map(CandidateTable.Held::candidate).toList();
      for (int i = 1; i < ordered.size(); i++) {
        assertTrue(Comparator.comparing(MatchCandidate::lastActiveAt).reversed()
            .compare(ordered.get(i - 1), ordered.get(i)) <= 0);
      }
      got.sort(null);
      assertEquals(expected, got);
    }
  }
}
