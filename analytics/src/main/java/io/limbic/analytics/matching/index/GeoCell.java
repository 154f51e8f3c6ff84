package io.limbic.analytics.matching.index;

import io.limbic.analytics.matching.GeoPoint;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A grid of roughly 50 km cells over the earth, named "row:col".
 *
 * <p>Rows are 0.45 degrees of latitude (50 km). Each row is cut into as many columns as fit at least 50 km wide at
 * the row's middle latitude, so cells stay near-square from the equator to the arctic instead of shrinking to
 * slivers as a plain lat/lon grid would; rows touching a pole are one cell. With a 100 km search radius a query
 * touches about 5 x 5 cells.
 */
public final class GeoCell {
  public static final double ROW_DEGREES = 0.45;
  static final int ROWS = (int) Math.round(180 / ROW_DEGREES);

  private GeoCell() {}

  public static String of(GeoPoint point) {
    return of(point.lat(), point.lon());
  }

  public static String of(double lat, double lon) {
    int row = row(lat);
    return row + ":" + column(row, lon);
  }

  /**
   * Every cell that holds a point within {@code radiusKm} of (lat, lon). Rows come from the latitude reach; columns
   * from the widest longitude reach of the whole spherical cap, asin(sin(d) / cos(lat)), which bounds every row.
   */
  public static Set<String> covering(double lat, double lon, double radiusKm) {
    double angle = radiusKm / GeoPoint.EARTH_RADIUS_KM;
    double reachLat = Math.toDegrees(angle);
    double sinRatio = Math.sin(angle) / Math.cos(Math.toRadians(lat));
    boolean aroundPole = Math.abs(lat) + reachLat >= 90 || sinRatio >= 1 || angle >= Math.PI / 2;
    double reachLon = aroundPole ? 180 : Math.toDegrees(Math.asin(sinRatio));
    Set<String> cells = new LinkedHashSet<>();
    for (int row = row(lat - reachLat); row <= row(lat + reachLat); row++) {
      int columns = columns(row);
      int first = (int) Math.floor((lon - reachLon + 180) / 360 * columns);
      int last = (int) Math.floor((lon + reachLon + 180) / 360 * columns);
      if (aroundPole || last - first + 1 >= columns) {
        for (int col = 0; col < columns; col++) cells.add(row + ":" + col);
      } else {
        for (int col = first; col <= last; col++) cells.add(row + ":" + Math.floorMod(col, columns));
      }
    }
    return cells;
  }

  static int row(double lat) {
    return Math.max(0, Math.min(ROWS - 1, (int) Math.floor((lat + 90) / ROW_DEGREES)));
  }

  static int columns(int row) {
    double middle = -90 + (row + 0.5) * ROW_DEGREES;
    return Math.max(1, (int) Math.floor(360 * Math.cos(Math.toRadians(middle)) / ROW_DEGREES));
  }

  static int column(int row, double lon) {
    int columns = columns(row);
    return Math.floorMod((int) Math.floor((lon + 180) / 360 * columns), columns);
  }
}
