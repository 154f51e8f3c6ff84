package io.limbic.analytics.matching;

/**
 * Distance bands between two people: under 5 km, 5-15, 15-50, 50-150, 150 km and more.
 *
 * <p>Bands grow roughly threefold because willingness to travel is felt on a log scale: 2 vs 7 km matters as much
 * as 40 vs 120 km.
 */
public final class DistanceBand {
  public static final int UNKNOWN = -1;
  private static final double[] UPPER_KM = {5, 15, 50, 150};
  private static final String[] LABELS = {"<5km", "5-15km", "15-50km", "50-150km", "150km+"};
  public static final int COUNT = LABELS.length;

  private DistanceBand() {}

  public static int of(double km) {
    if (!(km >= 0)) return UNKNOWN;
    for (int band = 0; band < UPPER_KM.length; band++) {
      if (km < UPPER_KM[band]) return band;
    }
    return COUNT - 1;
  }

  public static String label(int band) {
    return band == UNKNOWN ? "unknown" : LABELS[band];
  }

  public static int parse(String label) {
    for (int band = 0; band < COUNT; band++) {
      if (LABELS[band].equals(label)) return band;
    }
    return UNKNOWN;
  }
}
