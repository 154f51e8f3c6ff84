package io.limbic.analytics.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeoPointTest {
  private static final GeoPoint AMSTERDAM = new GeoPoint(52.3676, 4.9041);
  private static final GeoPoint PARIS = new GeoPoint(48.8566, 2.3522);
  private static final GeoPoint NEW_YORK = new GeoPoint(40.7128, -74.0060);

  @Test
  void amsterdamToParisIsAbout430Km() {
    assertEquals(430, AMSTERDAM.distanceKm(PARIS), 5);
    assertEquals(AMSTERDAM.distanceKm(PARIS), PARIS.distanceKm(AMSTERDAM), 1e-9);
  }

  @Test
  void longDistancesAreRightToo() {
    assertEquals(5863, AMSTERDAM.distanceKm(NEW_YORK), 30);
    assertEquals(Math.PI * GeoPoint.EARTH_RADIUS_KM, new GeoPoint(0, 0).distanceKm(new GeoPoint(0, 180)), 1e-6);
  }

  @Test
  void aPlaceIsZeroKmFromItself() {
    assertEquals(0, AMSTERDAM.distanceKm(AMSTERDAM), 1e-9);
  }

  @Test
  void rangesAreChecked() {
    assertTrue(new GeoPoint(90, -180).isValid());
    assertFalse(new GeoPoint(90.1, 0).isValid());
    assertFalse(new GeoPoint(0, Double.NaN).isValid());
  }

  @Test
  void packedTraitsAgreeWithHaversine() {
    Vocabulary vocabulary = new Vocabulary();
    Random random = new Random(3);
    for (int i = 0; i < 1000; i++) {
      GeoPoint a = new GeoPoint(-80 + 160 * random.nextDouble(), -180 + 360 * random.nextDouble());
      GeoPoint b = random.nextBoolean()
          ? new GeoPoint(a.lat() + random.nextGaussian(), wrap(a.lon() + random.nextGaussian()))
          : new GeoPoint(-80 + 160 * random.nextDouble(), -180 + 360 * random.nextDouble());
      double packed = traits(a, vocabulary).distanceKm(traits(b, vocabulary));
      assertEquals(a.distanceKm(b), packed, 1e-6, () -> a + " " + b);
    }
    assertEquals(-1, traits(null, vocabulary).distanceKm(traits(AMSTERDAM, vocabulary)));
  }

  private static double wrap(double lon) {
    return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
  }

  private static Traits traits(GeoPoint at, Vocabulary vocabulary) {
    return Traits.of(new Profile(null, null, null, at, null, null, null), vocabulary);
  }
}
