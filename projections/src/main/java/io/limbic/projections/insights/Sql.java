package io.limbic.projections.insights;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column conversions the insight repositories share: instants as UTC timestamps, NaN as NULL. */
final class Sql {
  private Sql() {}

  static void time(PreparedStatement ps, int i, Instant at) throws SQLException {
    ps.setObject(i, at.atOffset(ZoneOffset.UTC));
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static void number(PreparedStatement ps, int i, double v) throws SQLException {
    if (Double.isNaN(v) || Double.isInfinite(v)) ps.setNull(i, Types.DOUBLE);
    else ps.setDouble(i, v);
  }

  static void number(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) ps.setNull(i, Types.DOUBLE);
    else number(ps, i, v.doubleValue());
  }

  /** A nullable DOUBLE column, NaN for NULL. */
  static double number(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  static Double boxed(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
