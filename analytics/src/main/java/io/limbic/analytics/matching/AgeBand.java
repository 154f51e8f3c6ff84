package io.limbic.analytics.matching;

/**
 * Age bands used for preferences and for the candidate index: 18-24, then five-year bands, then 65+.
 *
 * <p>The first band is wider because profiles under 25 are few per year of age and would otherwise give thin,
 * noisy preference counts. Bands are numbered from 0; {@link #UNKNOWN} is a profile without a birth year.
 */
public final class AgeBand {
  public static final int UNKNOWN = -1;
  public static final int COUNT = 10;
  public static final int MIN_AGE = 18;

  private AgeBand() {}

  public static int ofAge(int age) {
    if (age < MIN_AGE) return UNKNOWN;
    if (age < 25) return 0;
    return Math.min(COUNT - 1, (age - 25) / 5 + 1);
  }

  /** Age as of the reference year; birthdays within the year are ignored, a band is five years wide anyway. */
  public static int of(Integer birthYear, int referenceYear) {
    return birthYear == null ? UNKNOWN : ofAge(referenceYear - birthYear);
  }

  public static String label(int band) {
    if (band == UNKNOWN) return "unknown";
    if (band == 0) return "18-24";
    if (band == COUNT - 1) return "65+";
    int low = 25 + (band - 1) * 5;
    return low + "-" + (low + 4);
  }

  public static int parse(String label) {
    for (int band = 0; band < COUNT; band++) {
      if (label(band).equals(label)) return band;
    }
    return UNKNOWN;
  }
}
