package io.limbic.analytics.matching;

/**
 * A place on the earth in degrees (WGS84 latitude and longitude).
 *
 * <p>The constructor accepts anything so that a profile with a bad location can still be reported field by field;
 * {@link #isValid()} says whether it may be used.
 */
public record GeoPoint(double lat, double lon) {

  /** Mean earth radius (IUGG); the spherical error is below 0.5 %, far inside what distance scoring needs. */
  public static final double EARTH_RADIUS_KM = 6371.0088;

  public boolean isValid() {
    return Double.isFinite(lat) && Double.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  public double distanceKm(GeoPoint other) {
    return haversineKm(lat, lon, other.lat, other.lon);
  }

  /** Great-circle distance; haversine rather than the law of cosines because it stays accurate for short hops. */
  public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2 - lon1);
    double sinPhi = Math.sin(dPhi / 2);
    double sinLambda = Math.sin(dLambda / 2);
    double h = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
  }
}
