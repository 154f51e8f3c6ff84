package io.limbic.projections.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.projections.db.PlainJdbcSession;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import io.limbic.protocol.user.UserEvent.InteractionRecorded;
import io.limbic.protocol.user.UserEvent.MatchActionRecorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deep-phase results, actions and interactions in; daily matches, the match log and its quality out. */
class MatchesProjectionHandlerTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final String FLAGS =
      "SELECT viewed, liked, messaged, passed, mutual FROM match_log WHERE tenant = ? AND match_id = ?";

  ReadModelDatabase db;
  MatchesRepository repository;

  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.h2();
  }

  @BeforeEach
  void setUp() throws Exception {
    db = open();
    repository = new MatchesRepository(db.dataSource);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void project(UserEvent... events) throws Exception {
    db.project(new MatchesProjectionHandler(), events);
  }

  static DailyMatch match(String matchId, String candidate, double score) {
    return new DailyMatch(matchId, candidate, score, Map.of("reciprocal", score, "distance", 0.5));
  }

  static IdlePhaseCompleted deep(String user, Instant at, DailyMatch... matches) {
    return new IdlePhaseCompleted(
        "acme", user, at, at.minus(Duration.ofHours(1)), 3, "deep", new io.limbic.protocol.user.PhaseResult(null, null, null), List.of(matches), 100);
  }

  static MatchActionRecorded action(String user, String matchId, String candidate, String action) {
    return new MatchActionRecorded("acme", user, T0.plusSeconds(600), matchId, candidate, action);
  }

  static InteractionRecorded interaction(String from, String to, String type, Instant at, boolean outgoing) {
    String owner = outgoing ? from : to;
    return new InteractionRecorded(
        "acme", owner, at, new InteractionData(from, to, type, at, from + "-" + to + "-" + type, 0), outgoing);
  }

  /** viewed, liked, messaged, passed, mutual */
  private List<Boolean> flags(String matchId) throws Exception {
    List<Boolean> flags = new ArrayList<>();
    for (Object value : db.rows(FLAGS, "acme", matchId).get(0)) flags.add((Boolean) value);
    return flags;
  }

  @Test
  void theDeepPhaseStoresTheDailyMatchesBestFirstAndLogsThem() throws Exception {
    project(
        new IdlePhaseCompleted("acme", "a", T0, T0, 1, "light", new io.limbic.protocol.user.PhaseResult(null, null, null), List.of(), 0),
        deep("a", T0, match("m1", "b", 0.9), match("m2", "c", 0.7)));
    UserDailyMatches daily = repository.daily("acme", "a").orElseThrow();
    assertEquals(T0, daily.generatedAt());
    assertEquals(List.of(match("m1", "b", 0.9), match("m2", "c", 0.7)), daily.matches());
    assertEquals(2, db.count("SELECT COUNT(*) FROM match_log WHERE tenant = 'acme' AND user_id = 'a'"));
    assertTrue(repository.daily("acme", "b").isEmpty());
    assertTrue(repository.daily("globex", "a").isEmpty());
  }

  @Test
  void aNewRunReplacesTheDailyMatchesAndTheLogKeepsEveryMatchOnce() throws Exception {
    Instant tomorrow = T0.plus(Duration.ofDays(1));
    project(
        deep("a", T0, match("m1", "b", 0.9), match("m2", "c", 0.7), match("m3", "d", 0.5)),
        deep("a", tomorrow, match("m4", "e", 0.8), match("m1", "b", 0.4)));
    UserDailyMatches daily = repository.daily("acme", "a").orElseThrow();
    assertEquals(tomorrow, daily.generatedAt());
    assertEquals(List.of("m4", "m1"), daily.matches().stream().map(DailyMatch::matchId).toList());
    assertEquals(4, db.count("SELECT COUNT(*) FROM match_log"));
    // the log keeps what was predicted when the match was first made
    assertEquals(0.9, ((Number) db.rows("SELECT predicted_score FROM match_log WHERE match_id = 'm1'")
        .get(0).get(0)).doubleValue(), 1e-12);
  }

  @Test
  void actionsAreJoinedToTheUsersOwnMatchesOnly() throws Exception {
    project(
        deep("a", T0, match("m1", "b", 0.9), match("m2", "c", 0.7)),
        action("a", "m1", "b", "like"),
        action("a", "m2", "c", "pass"),
        action("z", "m2", "c", "like"), // not z's match
        action("a", "unknown", "c", "like"),
        action("a", "m2", "c", "shrug"));
    assertEquals(List.of(false, true, false, false, false), flags("m1"));
    assertEquals(List.of(false, false, false, true, false), flags("m2"));
  }

  @Test
  void aLikeBackMakesBothMatchesMutual() throws Exception {
    project(
        deep("a", T0, match("ab", "b", 0.9), match("ac", "c", 0.6)),
        deep("b", T0, match("ba", "a", 0.8)),
        deep("c", T0, match("ca", "a", 0.7)),
        action("a", "ab", "b", "like"),
        action("a", "ac", "c", "like"),
        action("c", "ca", "a", "pass"));
    assertEquals(List.of(false, true, false, false, false), flags("ab"));
    project(action("b", "ba", "a", "message"));
    assertEquals(List.of(false, true, false, false, true), flags("ab"));
    assertEquals(List.of(false, false, true, false, true), flags("ba"));
    // a pass is no interest shown: c's pass leaves a's like one-sided
    assertEquals(List.of(false, true, false, false, false), flags("ac"));
    assertEquals(List.of(false, false, false, true, false), flags("ca"));
  }

  @Test
  void likesFromBothSidesAtOnceStillMeet() throws Exception {
    project(deep("a", T0, match("ab", "b", 0.9)), deep("b", T0, match("ba", "a", 0.9)));
    MatchesProjectionHandler handler = new MatchesProjectionHandler();
    // a's like, in one tag's transaction, not yet committed
    PlainJdbcSession first = new PlainJdbcSession(db.dataSource);
    handler.process(first, List.of(db.envelope(action("a", "ab", "b", "like"))));
    // b's like, in another tag's transaction, must wait for it rather than miss it
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread second = new Thread(() -> {
      try {
        PlainJdbcSession session = new PlainJdbcSession(db.dataSource);
        try {
          handler.process(session, List.of(db.envelope(action("b", "ba", "a", "like"))));
          session.commit();
        } finally {
          session.close();
        }
      } catch (Exception e) {
        failure.set(e);
      }
    });
    second.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (second.isAlive() && !db.waitingForLock(second) && System.nanoTime() < deadline) Thread.onSpinWait();
    assertTrue(db.waitingForLock(second), "b's transaction waits for a's lock on the pair");
    first.commit();
    first.close();
    second.join(10_000);
    assertNull(failure.get());
    assertEquals(List.of(false, true, false, false, true), flags("ab"));
    assertEquals(List.of(false, true, false, false, true), flags("ba"));
  }

  @Test
  void theSendersInteractionsAfterAMatchAreItsOutcomes() throws Exception {
    project(
        interaction("a", "b", "favorite", T0.minusSeconds(60), true), // before the match: not an outcome of it
        deep("a", T0, match("ab", "b", 0.9)),
        deep("b", T0, match("ba", "a", 0.9)),
        interaction("a", "b", "view", T0.plusSeconds(10), true),
        interaction("b", "a", "favorite", T0.plusSeconds(20), false)); // b's favorite, as recorded on a
    assertEquals(List.of(true, false, false, false, false), flags("ab"));
    assertEquals(List.of(false, false, false, false, false), flags("ba"));
    project(
        interaction("b", "a", "favorite", T0.plusSeconds(20), true),
        interaction("a", "b", "reply", T0.plusSeconds(30), true),
        interaction("a", "b", "block", T0.plusSeconds(40), true));
    assertEquals(List.of(true, false, true, false, true), flags("ab"));
    assertEquals(List.of(false, true, false, false, true), flags("ba"));
  }

  @Test
  void qualityOnASmallLog() throws Exception {
    project(
        // a acts: two positives out of four
        deep("a", T0, match("a1", "b", 0.95), match("a2", "c", 0.85), match("a3", "d", 0.35), match("a4", "e", 0.3)),
        action("a", "a1", "b", "like"),
        action("a", "a2", "c", "message"),
        action("a", "a3", "d", "pass"),
        // b acts: one pass, and a like back on a makes a1 and b1 mutual
        deep("b", T0, match("b1", "a", 0.91), match("b2", "f", 0.32)),
        action("b", "b1", "a", "like"),
        action("b", "b2", "f", "pass"),
        // g never acts: its matches are not evaluated
        deep("g", T0, match("g1", "h", 0.9), match("g2", "i", 0.1)),
        interaction("g", "h", "view", T0.plusSeconds(5), true));
    MatchQuality quality = repository.quality("acme");
    assertSameFigures(repository.qualityFromLog("acme"), quality);
    assertEquals(8, quality.matchesLogged());
    assertEquals(6, quality.matchesWithOutcome()); // a1 a2 a3, b1 b2, g1 (viewed)
    assertEquals(2, quality.usersActed());
    assertEquals(6, quality.matchesEvaluated());
    assertEquals(3, quality.positive());
    assertEquals(0.5, quality.precisionAt10(), 1e-12);
    assertTrue(quality.precisionLow() < 0.5 && quality.precisionHigh() > 0.5);
    assertEquals(0.1876, quality.precisionLow(), 1e-3); // Wilson, 3 of 6
    assertEquals(0.8124, quality.precisionHigh(), 1e-3);

    List<MatchQuality.CalibrationBin> bins = quality.calibration();
    assertEquals(10, bins.size());
    MatchQuality.CalibrationBin top = bins.get(9); // 0.95, 0.91: both positive
    assertEquals(2, top.matches());
    assertEquals(2, top.positive());
    assertEquals(0.93, top.meanPredicted(), 1e-12);
    assertEquals(1.0, top.observedRate(), 1e-12);
    assertEquals(1, bins.get(8).matches()); // 0.85 messaged
    assertEquals(1.0, bins.get(8).observedRate(), 1e-12);
    MatchQuality.CalibrationBin low = bins.get(3); // 0.35 passed, 0.3 silent, 0.32 passed
    assertEquals(3, low.matches());
    assertEquals(0, low.positive());
    assertEquals(0.0, low.observedRate(), 1e-12);
    assertEquals(0, bins.get(0).matches());
    assertNull(bins.get(0).observedRate());
    assertEquals(0.0, bins.get(0).from(), 1e-12);
    assertEquals(1.0, bins.get(9).to(), 1e-12);
  }

  @Test
  void qualityWithNothingEvaluatedHasNoPrecision() throws Exception {
    project(deep("a", T0, match("a1", "b", 0.5)));
    MatchQuality quality = repository.quality("acme");
    assertEquals(1, quality.matchesLogged());
    assertEquals(0, quality.matchesEvaluated());
    assertNull(quality.precisionAt10());
    assertEquals(0, repository.quality("globex").matchesLogged());
  }

  @Test
  void theQualityReadModelAgreesWithAScanOfTheLogAfterEveryEvent() throws Exception {
    java.util.Random random = new java.util.Random(7);
    String[] users = {"u0", "u1", "u2", "u3", "u4", "u5"};
    String[] actions = {"like", "pass", "message"};
    String[] types = {"view", "favorite", "message", "reply", "block"};
    List<String[]> logged = new ArrayList<>(); // matchId, owner, candidate; u5 never acts on its own matches
    for (int step = 0; step < 160; step++) {
      String user = users[random.nextInt(users.length)];
      int kind = random.nextInt(10);
      UserEvent event;
      if (kind < 3 || logged.isEmpty()) {
        List<DailyMatch> matches = new ArrayList<>();
        for (int m = 0; m < 1 + random.nextInt(4); m++) {
          String candidate = users[random.nextInt(users.length)];
          if (candidate.equals(user)) continue;
          String id = user + "~" + candidate + "~" + step + "-" + m;
          double score = random.nextInt(12) == 0 ? 1.0 : random.nextDouble();
          matches.add(match(id, candidate, score));
          if (!user.equals("u5")) logged.add(new String[] {id, user, candidate});
        }
        event = deep(user, T0.plusSeconds(step), matches.toArray(DailyMatch[]::new));
      } else if (kind < 7) {
        String[] m = logged.get(random.nextInt(logged.size()));
        event = action(m[1], m[0], m[2], actions[random.nextInt(actions.length)]); // repeats happen too
      } else {
        String[] m = logged.get(random.nextInt(logged.size()));
        event = interaction(m[1], m[2], types[random.nextInt(types.length)], T0.plusSeconds(step + 1), true);
      }
      project(event);
      assertSameFigures(repository.qualityFromLog("acme"), repository.quality("acme"));
    }
    MatchQuality end = repository.quality("acme");
    // The report reads the read model, not the log: with the log gone, the figures stay.
    try (java.sql.Connection c = db.dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM match_log");
      if (!c.getAutoCommit()) c.commit();
    }
    assertEquals(0, repository.qualityFromLog("acme").matchesLogged());
    assertSameFigures(end, repository.quality("acme"));
    assertTrue(end.usersActed() > 0 && end.positive() > 0 && end.matchesEvaluated() < end.matchesLogged(), end.toString());
  }

  private static void assertSameFigures(MatchQuality scan, MatchQuality model) {
    String both = "scan " + scan + "\nmodel " + model;
    assertEquals(scan.matchesLogged(), model.matchesLogged(), both);
    assertEquals(scan.matchesWithOutcome(), model.matchesWithOutcome(), both);
    assertEquals(scan.usersActed(), model.usersActed(), both);
    assertEquals(scan.matchesEvaluated(), model.matchesEvaluated(), both);
    assertEquals(scan.positive(), model.positive(), both);
    assertClose(scan.precisionAt10(), model.precisionAt10(), both);
    assertClose(scan.precisionLow(), model.precisionLow(), both);
    assertClose(scan.precisionHigh(), model.precisionHigh(), both);
    for (int i = 0; i < scan.calibration().size(); i++) {
      MatchQuality.CalibrationBin a = scan.calibration().get(i);
      MatchQuality.CalibrationBin b = model.calibration().get(i);
      assertEquals(a.matches(), b.matches(), both);
      assertEquals(a.positive(), b.positive(), both);
      assertClose(a.meanPredicted(), b.meanPredicted(), both);
      assertClose(a.observedRate(), b.observedRate(), both);
    }
  }

  /** Sums of doubles in another order may differ in the last bits. */
  private static void assertClose(Double expected, Double actual, String message) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, message);
    } else {
      assertEquals(expected, actual, 1e-9, message);
    }
  }
}
