package io.limbic.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Waits, bounded, until every projection instance's offset is the last event of its tag. */
final class CatchUp {
  private static final String BEHIND =
      "SELECT COUNT(*) FROM pekko_projection_offset_store o WHERE CAST(o.current_offset AS BIGINT) < "
          + "(SELECT MAX(t.event_id) FROM event_tag t WHERE t.tag = o.projection_key)";

  private CatchUp() {}

  /** Seconds until caught up, or -1 when still behind after {@code maxSeconds}. */
  static double await(String jdbc, String user, String password, int maxSeconds) throws Exception {
    long start = System.nanoTime();
    long deadline = start + maxSeconds * 1_000_000_000L;
    try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = s.executeQuery(BEHIND)) {
          rs.next();
          if (rs.getLong(1) == 0) return (System.nanoTime() - start) / 1e9;
        }
        Thread.sleep(100);
      }
    }
    return -1;
  }
}
