package io.limbic.analytics.matching;

import java.util.Arrays;
import java.util.Collection;

/**
 * A profile packed for scoring: term ids from a {@link Vocabulary}, sorted, and the location in radians with its
 * cosine, so comparing two people touches a few contiguous arrays and no trigonometry beyond haversine's core.
 * Immutable; the arrays never leave this class.
 */
public final class Traits {
  public static final int NO_GENDER = -1;
  public static final int NO_BIRTH_YEAR = Integer.MIN_VALUE;

  private final int birthYear;
  private final int gender;
  /** Interest ids then language ids, each part sorted: one array, so one cache miss, per candidate. */
  private final int[] terms;
  private final int languageStart;
  private final double latRad;
  private final double lonRad;
  private final double cosLat;

  private Traits(Profile profile, Vocabulary vocabulary) {
    birthYear = profile.birthYear() == null ? NO_BIRTH_YEAR : profile.birthYear();
    gender = profile.gender() == null ? NO_GENDER : vocabulary.id(profile.gender());
    int[] interests = ids(profile.interests(), vocabulary);
    int[] languages = ids(profile.languages(), vocabulary);
    terms = Arrays.copyOf(interests, interests.length + languages.length);
    System.arraycopy(languages, 0, terms, interests.length, languages.length);
    languageStart = interests.length;
    boolean located = profile.location() != null && profile.location().isValid();
    latRad = located ? Math.toRadians(profile.location().lat()) : Double.NaN;
    lonRad = located ? Math.toRadians(profile.location().lon()) : Double.NaN;
    cosLat = Math.cos(latRad);
  }

  public static Traits of(Profile profile, Vocabulary vocabulary) {
    return new Traits(profile, vocabulary);
  }

  public int ageBand(int year) {
    return ageBand(birthYear, year);
  }

  /** The age band in {@code year} of someone born in {@code birthYear} ({@link #NO_BIRTH_YEAR}: unknown). */
  public static int ageBand(int birthYear, int year) {
    return birthYear == NO_BIRTH_YEAR ? AgeBand.UNKNOWN : AgeBand.ofAge(year - birthYear);
  }

  public int birthYear() {
    return birthYear;
  }

  public int gender() {
    return gender;
  }

  public int interestCount() {
    return languageStart;
  }

  public int interest(int i) {
    return terms[i];
  }

  public int languageCount() {
    return terms.length - languageStart;
  }

  public int language(int i) {
    return terms[languageStart + i];
  }

  public boolean located() {
    return !Double.isNaN(latRad);
  }

  public double latRad() {
    return latRad;
  }

  public double lonRad() {
    return lonRad;
  }

  public double cosLat() {
    return cosLat;
  }

  /**
   * Haversine distance in km, or -1 when either side has no location. For the short distances matching deals with,
   * asin is replaced by its Taylor series (off by under a millimetre below 1,000 km), as Math.asin is a slow
   * native call.
   */
  public double distanceKm(Traits other) {
    if (!located() || !other.located()) return -1;
    return distanceKm(latRad, lonRad, cosLat, other.latRad, other.lonRad, other.cosLat);
  }

  /** {@link #distanceKm(Traits)} between two located points given as this class holds them. */
  public static double distanceKm(double latRad, double lonRad, double cosLat, double otherLatRad,
      double otherLonRad, double otherCosLat) {
    double sinLat = Math.sin((otherLatRad - latRad) / 2);
    double sinLon = Math.sin((otherLonRad - lonRad) / 2);
    double x = Math.sqrt(Math.min(1.0, sinLat * sinLat + cosLat * otherCosLat * sinLon * sinLon));
    double asin = x < 0.08 ? x * (1 + x * x * (1.0 / 6 + x * x * (3.0 / 40 + x * x * (5.0 / 112)))) : Math.asin(x);
    return 2 * GeoPoint.EARTH_RADIUS_KM * asin;
  }

  private static int[] ids(Collection<String> terms, Vocabulary vocabulary) {
    return terms.stream().filter(t -> t != null && !t.isEmpty()).mapToInt(vocabulary::id).sorted().distinct()
        .toArray();
  }

  @Override
  public String toString() {
    return "Traits[birthYear=" + birthYear + ", gender=" + gender + ", interests="
        + Arrays.toString(Arrays.copyOf(terms, languageStart)) + ", languages="
        + Arrays.toString(Arrays.copyOfRange(terms, languageStart, terms.length)) + "]";
  }
}
