package io.limbic.projections.matching;

import static io.limbic.projections.matching.MatchesProjectionHandlerTest.action;
import static io.limbic.projections.matching.MatchesProjectionHandlerTest.deep;
import static io.limbic.projections.matching.MatchesProjectionHandlerTest.interaction;
import static io.limbic.projections.matching.MatchesProjectionHandlerTest.match;
import static io.limbic.projections.matching.ProfileProjectionHandlerTest.inAmsterdam;
import static io.limbic.projections.matching.ProfileProjectionHandlerTest.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.limbic.projections.activity.UserActivityProjectionHandler;
import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.projections.idle.IdleScheduleProjectionHandler;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.EmotionObserved;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import io.limbic.protocol.user.UserEvent.ProfileUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A group with several events for the same users leaves exactly the rows that the same events leave one by one,
 * for every read model: over empty tables and over rows written before, as one group and in small groups.
 */
class GroupedHandlersTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final List<Duration> PHASES =
      List.of(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(60));

  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.h2();
  }

  @Test
  void userActivity() throws Exception {
    assertSameRows(UserActivityProjectionHandler::new, List.of("user_activity"),
        List.of(new BecameActive("acme", "u1", T0, "s1", 1), new HeartbeatRecorded("acme", "u3", T0, "s1", 4)),
        List.of(
            new HeartbeatRecorded("acme", "u1", T0.plusSeconds(60), "s1", 3),
            new HeartbeatRecorded("acme", "u2", T0.plusSeconds(10), "s1", 2), // first event of u2: a heartbeat
            emotion("u1"),
            new HeartbeatRecorded("acme", "u1", T0.plusSeconds(30), null, 1), // late
            new HeartbeatRecorded("acme", "u2", T0.plusSeconds(5), null, 1), // late, before u2's first
            new BecameActive("acme", "u1", T0.plusSeconds(3600), "s2", 1), // a new period
            new HeartbeatRecorded("acme", "u1", T0.plusSeconds(3500), null, 1), // older than the new period
            new HeartbeatRecorded("acme", "u1", T0.plusSeconds(3660), "s2", 2),
            new HeartbeatRecorded("acme", "u3", T0.minusSeconds(60), null, 1),
            new BecameActive("globex", "u1", T0.plusSeconds(7), "s9", 1),
            new BecameActive("acme", "u4", T0.plusSeconds(100), "s4", 1),
            new BecameActive("acme", "u4", T0.plusSeconds(50), "s5", 1))); // a late new period still resets
  }

  @Test
  void idleSchedule() throws Exception {
    assertSameRows(() -> new IdleScheduleProjectionHandler(PHASES), List.of("idle_schedule"),
        List.of(new BecameActive("acme", "u1", T0, "s1", 1), new BecameActive("acme", "u9", T0, "s1", 1)),
        List.of(
            completed("u1", T0, 1, 10),
            completed("u1", T0, 2, 30),
            completed("u1", T0, 1, 31), // late: two phases back
            new HeartbeatRecorded("acme", "u2", T0, "s1", 1),
            new HeartbeatRecorded("acme", "u2", T0.minusSeconds(30), null, 1), // older: changes nothing
            completed("u2", T0, 1, 10),
            completed("u2", T0, 1, 10), // repeat of the last one
            completed("u3", T0, 1, 10), // no row
            new HeartbeatRecorded("acme", "u1", T0.plus(Duration.ofMinutes(35)), "s1", 1), // back: phase 1 again
            completed("u1", T0, 3, 61), // of the idle period that ended
            completed("u9", T0, 1, 10),
            completed("u9", T0, 2, 30),
            completed("u9", T0, 3, 60), // the last phase: nothing due
            new HeartbeatRecorded("acme", "u9", T0.minusSeconds(1), null, 1), // older than the finished period
            new BecameActive("acme", "u5", T0.plusNanos(123_456_789), "s", 1),
            completed("u5", T0.plusNanos(123_456_789), 1, 11)));
  }

  @Test
  void profiles() throws Exception {
    assertSameRows(ProfileProjectionHandler::new, List.of("user_profile", "candidate_index"),
        List.of(new ProfileUpdated("acme", "u1", T0, inAmsterdam(1990, "f", "m"))),
        List.of(
            new ProfileUpdated("acme", "u1", T0.plusSeconds(1), inAmsterdam(1991, "f", "f", "m")),
            emotion("u1"),
            new ProfileUpdated("acme", "u2", T0.plusSeconds(2), inAmsterdam(1985, "m", "f")),
            new ProfileUpdated("acme", "u1", T0.plusSeconds(3), profile(1992, "f", List.of("m"), null, null)),
            new ProfileUpdated("acme", "u2", T0.plusSeconds(4), inAmsterdam(1986, "m", "m")),
            new ProfileUpdated("acme", "u3", T0.plusSeconds(5), profile(1970, "x", List.of("f"), null, null)),
            new ProfileUpdated("acme", "u3", T0.plusSeconds(6), inAmsterdam(1971, "x", "f"))));
  }

  @Test
  void matches() throws Exception {
    assertSameRows(MatchesProjectionHandler::new,
        List.of("daily_matches", "match_log", "match_quality", "match_quality_bins"),
        List.of(deep("a", T0, match("ab", "b", 0.9), match("ac", "c", 0.4))),
        List.of(
            deep("b", T0.plusSeconds(1), match("ba", "a", 0.8)),
            action("a", "ab", "b", "like"),
            interaction("a", "c", "view", T0.plusSeconds(5), true),
            interaction("a", "c", "view", T0.plusSeconds(5), false), // the receiver's copy: not counted
            action("b", "ba", "a", "message"), // mutual with a's like in the same group
            deep("a", T0.plusSeconds(86_400), match("ab2", "b", 0.7), match("ad", "d", 0.2)),
            interaction("a", "d", "favorite", T0.plusSeconds(86_500), true),
            action("a", "ac", "c", "pass"),
            action("c", "ca", "a", "like"), // not c's match: nothing to join
            new IdlePhaseCompleted("acme", "a", T0, T0, 2, "medium", new io.limbic.protocol.user.PhaseResult(null, null, null), List.of(), 0))); // not deep
  }

  private void assertSameRows(Supplier<UserEventGroupHandler> handler, List<String> tables, List<UserEvent> before,
      List<UserEvent> events) throws Exception {
    try (ReadModelDatabase oneByOne = open(); ReadModelDatabase oneGroup = open(); ReadModelDatabase small = open()) {
      for (ReadModelDatabase db : List.of(oneByOne, oneGroup, small)) db.project(handler.get(), before.toArray(UserEvent[]::new));
      oneByOne.project(handler.get(), events.toArray(UserEvent[]::new));
      oneGroup.projectGroup(handler.get(), events);
      for (int from = 0; from < events.size(); from += 3) {
        small.projectGroup(handler.get(), events.subList(from, Math.min(events.size(), from + 3)));
      }
      for (String table : tables) {
        List<String> expected = dump(oneByOne, table);
        assertFalse(expected.isEmpty(), table + " has rows");
        assertEquals(expected, dump(oneGroup, table), table + ", one group");
        assertEquals(expected, dump(small, table), table + ", groups of three");
      }
    }
  }

  private static List<String> dump(ReadModelDatabase db, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    // user_profile.written_at is the database's time of the write, which differs between the databases compared
    String columns = table.equals("user_profile") ? "tenant, user_id, profile, completeness, updated_at" : "*";
    for (List<Object> row : db.rows("SELECT " + columns + " FROM " + table)) rows.add(row.toString());
    rows.sort(Comparator.naturalOrder());
    return rows;
  }

  private static IdlePhaseCompleted completed(String user, Instant idleSince, int phase, int minutes) {
    return new IdlePhaseCompleted("acme", user, T0.plus(Duration.ofMinutes(minutes)), idleSince, phase, "p" + phase,
        new io.limbic.protocol.user.PhaseResult(null, null, null), List.of(), 0);
  }

  /** An event none of these read models uses. */
  private static EmotionObserved emotion(String user) {
    return new EmotionObserved("acme", user, T0, "s1", "frustrated", "rage", 0.9);
  }
}
