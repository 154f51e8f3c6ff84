package io.limbic.analytics.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProfileTest {
  private static final GeoPoint AMSTERDAM = new GeoPoint(52.37, 4.89);

  private static Set<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).collect(Collectors.toSet());
  }

  @Test
  void anEmptyProfileIsNotCompleteAtAll() {
    assertEquals(0.0, Profile.empty().completeness(), 1e-12);
  }

  @Test
  void aFullProfileIsComplete() {
    Profile full = new Profile(1990, "f", Set.of("m"), AMSTERDAM, List.of("jazz", "hiking", "film"), List.of("nl"),
        "a".repeat(200));
    assertEquals(1.0, full.completeness(), 1e-12);
  }

  @Test
  void completenessCountsPartsInProportion() {
    Profile partial = new Profile(1990, null, null, AMSTERDAM, List.of("jazz"), null, "a".repeat(75));
    // birth year 0.15 + location 0.20 + one of three interests 0.05 + half the about text 0.10
    assertEquals(0.50, partial.completeness(), 1e-12);
  }

  @Test
  void anInvalidLocationDoesNotCountTowardsCompleteness() {
    Profile badLocation = new Profile(null, null, null, new GeoPoint(95, 4), null, null, null);
    assertEquals(0.0, badLocation.completeness(), 1e-12);
  }

  @Test
  void termsAreTrimmedLowerCasedAndDeduplicated() {
    Profile profile = new Profile(null, " F ", Set.of("M"), null, List.of("Jazz", "jazz ", "Film"), List.of("NL"),
        null);
    assertEquals("f", profile.gender());
    assertEquals(Set.of("m"), profile.seeking());
    assertEquals(List.of("jazz", "film"), profile.interests());
    assertEquals(List.of("nl"), profile.languages());
  }

  @Test
  void aValidProfileHasNoErrors() {
    Profile profile = new Profile(1990, "nonbinary", Set.of("f", "m"), AMSTERDAM, List.of("jazz"), List.of("nl"),
        "hello");
    assertEquals(List.of(), profile.validate(2026));
    assertEquals(List.of(), Profile.empty().validate(2026));
  }

  @Test
  void birthYearMustGiveAnAdultOfPlausibleAge() {
    assertEquals(Set.of("birthYear"), fields(new Profile(2010, null, null, null, null, null, null).validate(2026)));
    assertEquals(Set.of("birthYear"), fields(new Profile(1890, null, null, null, null, null, null).validate(2026)));
    assertEquals(List.of(), new Profile(2008, null, null, null, null, null, null).validate(2026));
  }

  @Test
  void latitudeAndLongitudeMustBeInRange() {
    Profile profile = new Profile(null, null, null, new GeoPoint(-91, 181), null, null, null);
    assertEquals(Set.of("location.lat", "location.lon"), fields(profile.validate(2026)));
    assertEquals(Set.of("location.lat"),
        fields(new Profile(null, null, null, new GeoPoint(Double.NaN, 0), null, null, null).validate(2026)));
  }

  @Test
  void listsAndStringsAreBounded() {
    List<String> manyInterests = java.util.stream.IntStream.range(0, Profile.MAX_INTERESTS + 1)
        .mapToObj(i -> "i" + i).toList();
    Profile profile = new Profile(null, "g".repeat(41), null, null, manyInterests,
        java.util.Arrays.asList("nl", null, "x".repeat(41)), "a".repeat(Profile.MAX_ABOUT_LENGTH + 1));
    assertEquals(Set.of("gender", "interests", "languages[1]", "languages[2]", "about"),
        fields(profile.validate(2026)));
  }

  @Test
  void blankItemsAreReportedNotDropped() {
    Profile profile = new Profile(null, null, Set.of(" "), null, List.of("jazz", ""), null, null);
    Set<String> fields = fields(profile.validate(2026));
    assertTrue(fields.contains("seeking[0]"));
    assertTrue(fields.contains("interests[1]"));
  }
}
