package io.limbic.projections.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.projections.forensics.EmotionForensicsProjectionHandler.PageDay;
import io.limbic.projections.forensics.EmotionForensicsProjectionHandler.StateTime;
import io.limbic.projections.matching.ReadModelDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two session-tag instances adding to a tenant's page and day that has no row yet: the second waits for the first
 * and adds to its rows, and neither transaction fails (a plain MERGE failed the second on PostgreSQL).
 */
class ForensicTotalsRaceTest {
  private static final LocalDate DAY = LocalDate.parse("2026-03-02");

  @Test
  void h2() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.h2()) {
      twoInstancesAddToTheSameNewRows(db);
    }
  }

  @Test
  void postgres() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.postgres()) {
      twoInstancesAddToTheSameNewRows(db);
    }
  }

  private static void twoInstancesAddToTheSameNewRows(ReadModelDatabase db) throws Exception {
    db.race(c -> add(c, 2, 500, 60_000), c -> add(c, 1, 250, 30_000));
    assertEquals(List.of(List.of(3L, 750L, 90_000L)), db.rows("SELECT changes, change_weight_milli, session_millis "
        + "FROM emotion_volatility WHERE tenant = 'acme' AND page = '/checkout'"));
    assertEquals(List.of(List.of(90_000L)), db.rows(
        "SELECT session_millis FROM emotion_time WHERE tenant = 'acme' AND page = '/checkout' AND state = 'rage'"));
  }

  private static void add(Connection c, long changes, long weightMilli, long millis) throws SQLException {
    EmotionForensicsProjectionHandler.addVolatility(c,
        Map.of(new PageDay("acme", DAY, "/checkout"), new long[] {changes, weightMilli, millis}));
    EmotionForensicsProjectionHandler.addTime(c, Map.of(new StateTime("acme", DAY, "/checkout", "rage"), millis));
  }
}
