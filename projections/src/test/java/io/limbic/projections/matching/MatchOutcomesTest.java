package io.limbic.projections.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.UserEvent.InteractionRecorded;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * Which decisions count as the outcomes of a logged match: only a pair's first decision made after the match was
 * generated, once per pair however many days it was suggested. A candidate who favorited the searcher before the
 * match and replies after it is no new outcome: the features already held the favorite.
 */
class MatchOutcomesTest {
  static final Instant DAY1 = Instant.parse("2026-03-01T08:00:00Z"), DAY2 = Instant.parse("2026-03-02T08:00:00Z");

  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.h2();
  }

  @Test
  void onlyFirstDecisionsAfterTheMatchCountAndEachPairOnce() throws Exception {
    try (ReadModelDatabase db = open()) {
      DecisionsProjectionHandler decisions = new DecisionsProjectionHandler();
      // bea favorited ann before any match; ann was suggested bea on day 1 and day 2, cid on day 2.
      db.project(decisions, decided("bea", "ann", "favorite", DAY1.minusSeconds(3600)));
      logMatch(db, "ann~bea~1", "ann", "bea", DAY1);
      logMatch(db, "ann~bea~2", "ann", "bea", DAY2);
      logMatch(db, "ann~cid~2", "ann", "cid", DAY2);
      // After day 2: ann favorites bea, bea replies (a newer decision of an old pair), ann passes on cid, cid
      // passes on ann.
      Instant later = DAY2.plusSeconds(3600);
      db.project(decisions, decided("ann", "bea", "favorite", later), decided("bea", "ann", "reply", later),
          decided("ann", "cid", "pass", later), decided("cid", "ann", "pass", later));

      MatchOutcomes.Decisions found = new MatchOutcomes(db.dataSource).latest("acme", 100);
      // Forward: ann on bea once (not once per day) and ann on cid. Backward: cid on ann only; bea's reply is
      // the same pair's later decision, first made before the match.
      assertEquals(2, found.forward().size(), found.toString());
      assertEquals(1, found.forward().stream().filter(d -> d.yes()).count(), found.toString());
      assertEquals(1, found.backward().size(), found.toString());
      assertEquals(false, found.backward().get(0).yes(), found.toString());
    }
  }

  private static InteractionRecorded decided(String from, String to, String type, Instant at) {
    return new InteractionRecorded("acme", from, at, new InteractionData(from, to, type, at, from + "-" + to + "-" + type
        + at.getEpochSecond(), 0), true);
  }

  /** A match_log row as the matches projection writes it, with every logged feature. */
  private static void logMatch(ReadModelDatabase db, String id, String user, String candidate, Instant at)
      throws Exception {
    String columns = LoggedFeatures.columnList();
    String marks = String.join(", ", Collections.nCopies(LoggedFeatures.COLUMNS.size(), "?"));
    try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO match_log (tenant, match_id, user_id, candidate_id, predicted_score, generated_at, " + columns
            + ") VALUES ('acme', ?, ?, ?, 0.5, ?, " + marks + ")")) {
      s.setString(1, id);
      s.setString(2, user);
      s.setString(3, candidate);
      s.setObject(4, at.atOffset(ZoneOffset.UTC));
      for (int i = 0; i < LoggedFeatures.COLUMNS.size(); i++) s.setDouble(5 + i, 0.5);
      s.executeUpdate();
      if (!c.getAutoCommit()) c.commit();
    }
  }
}
