package io.limbic.analytics.matching.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateIndexTest {
  private static final GeoPoint AMSTERDAM = new GeoPoint(52.37, 4.89);

  private static Profile person(String gender, Set<String> seeking, GeoPoint at) {
    return new Profile(1995, gender, seeking, at, List.of(), List.of(), null);
  }

  @Test
  void cellsAreAboutFiftyKilometresAcross() {
    String here = GeoCell.of(AMSTERDAM);
    assertEquals(here, GeoCell.of(new GeoPoint(52.40, 4.95)));
    assertFalse(here.equals(GeoCell.of(new GeoPoint(52.37 + 0.5, 4.89))));
    assertFalse(here.equals(GeoCell.of(new GeoPoint(52.37, 4.89 + 0.8))));
  }

  @Test
  void coveringCellsHoldEveryPointWithinTheRadius() {
    Random random = new Random(5);
    for (int i = 0; i < 300; i++) {
      double lat = -85 + 170 * random.nextDouble();
      double lon = -180 + 360 * random.nextDouble();
      double radius = 10 + 190 * random.nextDouble();
      Set<String> cells = GeoCell.covering(lat, lon, radius);
      for (int k = 0; k < 50; k++) {
        double bearing = 2 * Math.PI * random.nextDouble();
        double km = radius * Math.sqrt(random.nextDouble()) * 0.999;
        GeoPoint there = travel(lat, lon, bearing, km);
        assertTrue(cells.contains(GeoCell.of(there)), () -> lat + "," + lon + " r=" + radius + " misses " + there);
      }
    }
  }

  @Test
  void aHundredKilometreSearchReadsAFewDozenCells() {
    int cells = GeoCell.covering(AMSTERDAM.lat(), AMSTERDAM.lon(), 100).size();
    assertTrue(cells >= 9 && cells <= 36, "cells: " + cells);
  }

  @Test
  void aPersonIsWrittenOncePerSoughtGender() {
    List<CandidateKey> keys = CandidateIndex.keysFor("t1", person("f", Set.of("m", "f"), AMSTERDAM), 2026);
    assertEquals(2, keys.size());
    assertEquals(Set.of("m", "f"), Set.of(keys.get(0).seeks(), keys.get(1).seeks()));
    assertEquals(CandidateIndex.OPEN, CandidateIndex.keysFor("t1", person("f", Set.of(), AMSTERDAM), 2026)
        .get(0).seeks());
    assertEquals(List.of(), CandidateIndex.keysFor("t1", person("f", Set.of("m"), null), 2026));
  }

  @Test
  void aSearcherFindsOnlyPeopleWhoSeekThemInTheirTenantAndReach() {
    Vocabulary vocabulary = new Vocabulary();
    CandidateBuckets buckets = new CandidateBuckets(2026);
    add(buckets, vocabulary, "t1", "likesMen", person("f", Set.of("m"), AMSTERDAM));
    add(buckets, vocabulary, "t1", "likesWomen", person("f", Set.of("f"), AMSTERDAM));
    add(buckets, vocabulary, "t1", "open", person("f", Set.of(), AMSTERDAM));
    add(buckets, vocabulary, "t1", "aMan", person("m", Set.of("f"), AMSTERDAM));
    add(buckets, vocabulary, "t1", "parisian", person("f", Set.of("m"), new GeoPoint(48.86, 2.35)));
    add(buckets, vocabulary, "t2", "otherTenant", person("f", Set.of("m"), AMSTERDAM));
    Profile searcher = person("m", Set.of("f"), new GeoPoint(52.09, 5.12));
    CandidateQuery query = CandidateIndex.queryFor("t1", searcher, 100, CandidateIndex.allAgeBands()).orElseThrow();
    List<String> found = buckets.query(query).stream().map(MatchCandidate::userId).sorted().toList();
    assertEquals(List.of("likesMen", "open"), found);
  }

  @Test
  void theQueryListsExactKeysWhenGendersAreKnown() {
    Profile searcher = person("m", Set.of("f"), AMSTERDAM);
    CandidateQuery query = CandidateIndex.queryFor("t1", searcher, 100, new int[] {1, 2}).orElseThrow();
    assertEquals(query.cells().size() * 3 * 2, query.keys().size());
    assertTrue(query.keys().stream().allMatch(query::matches));
    assertTrue(CandidateIndex.queryFor("t1", person("m", Set.of("f"), null), 100, new int[] {1}).isEmpty());
  }

  private static void add(CandidateBuckets buckets, Vocabulary vocabulary, String tenant, String id, Profile p) {
    buckets.add(MatchCandidate.of(tenant, id, p, PreferenceScores.none(), null, vocabulary));
  }

  /** The point reached by going {@code km} along a great circle from (lat, lon) with the given bearing. */
  private static GeoPoint travel(double lat, double lon, double bearing, double km) {
    double d = km / GeoPoint.EARTH_RADIUS_KM;
    double phi1 = Math.toRadians(lat);
    double phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(bearing));
    double lambda = Math.toRadians(lon) + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(phi1),
        Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
    double lonDeg = Math.toDegrees(lambda);
    lonDeg = ((lonDeg + 540) % 360) - 180;
    return new GeoPoint(Math.toDegrees(phi2), lonDeg);
  }
}
