package io.limbic.projections.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events in, rows of {@code idle_schedule} out, on a migrated in-memory H2. */
class IdleScheduleProjectionHandlerTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final List<Duration> PHASES = List.of(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(60));
  private static final Instant FAR = T0.plus(Duration.ofDays(1));

  ReadModelDatabase db;
  IdleScheduleRepository repository;

  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.h2();
  }

  @BeforeEach
  void setUp() throws Exception {
    db = open();
    repository = new IdleScheduleRepository(db.dataSource);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void project(UserEvent... events) throws Exception {
    db.project(new IdleScheduleProjectionHandler(PHASES), events);
  }

  private static IdlePhaseCompleted completed(String user, Instant idleSince, int phase, Instant at) {
    return new IdlePhaseCompleted("acme", user, at, idleSince, phase, "p" + phase, new io.limbic.protocol.user.PhaseResult(null, null, null), List.of(), 0);
  }

  private List<ScheduledPhase> all() throws Exception {
    return repository.due(FAR, 100);
  }

  @Test
  void activityStartsAnIdlePeriodWithPhaseOneDue() throws Exception {
    project(new BecameActive("acme", "u1", T0, "s1", 1));
    assertEquals(List.of(new ScheduledPhase("acme", "u1", T0, 1, T0.plus(PHASES.get(0)))), all());
  }

  /** Journals of versions before issue 7 may hold such times; the projection clamps them and goes on. */
  @Test
  void activityCenturiesAwayIsClampedToStorableYearsAndTheProjectionGoesOn() throws Exception {
    Instant ancient = Instant.parse("-300000000-01-01T00:00:00Z");
    Instant earliest = Instant.parse("0001-01-01T00:00:00Z");
    project(new BecameActive("acme", "old", ancient, "s1", 1), new BecameActive("acme", "far", Instant.MAX, "s1", 1));
    project(new BecameActive("acme", "u1", T0, "s1", 1));
    List<ScheduledPhase> rows = all();
    assertTrue(rows.contains(new ScheduledPhase("acme", "old", earliest, 1, earliest.plus(PHASES.get(0)))), rows.toString());
    assertTrue(rows.contains(new ScheduledPhase("acme", "u1", T0, 1, T0.plus(PHASES.get(0)))), rows.toString());
    // Clamped to the last storable second, "far" has nothing due: it is not among the scheduled rows.
    assertEquals(2, rows.size(), rows.toString());
  }

  @Test
  void laterActivityMovesTheIdlePeriodAndOlderActivityChangesNothing() throws Exception {
    Instant later = T0.plusSeconds(90);
    project(
        new BecameActive("acme", "u1", T0, "s1", 1),
        new HeartbeatRecorded("acme", "u1", later, "s1", 3),
        new HeartbeatRecorded("acme", "u1", T0.plusSeconds(30), null, 1));
    assertEquals(List.of(new ScheduledPhase("acme", "u1", later, 1, later.plus(PHASES.get(0)))), all());
  }

  @Test
  void activityAfterSomePhasesStartsOverAtPhaseOne() throws Exception {
    Instant back = T0.plus(Duration.ofMinutes(35));
    project(
        new BecameActive("acme", "u1", T0, "s1", 1),
        completed("u1", T0, 1, T0.plus(Duration.ofMinutes(10))),
        completed("u1", T0, 2, T0.plus(Duration.ofMinutes(30))),
        new HeartbeatRecorded("acme", "u1", back, "s1", 1));
    assertEquals(List.of(new ScheduledPhase("acme", "u1", back, 1, back.plus(PHASES.get(0)))), all());
  }

  @Test
  void phasesFollowEachOtherAndAfterTheLastNothingIsDue() throws Exception {
    project(new BecameActive("acme", "u1", T0, "s1", 1), completed("u1", T0, 1, T0.plus(Duration.ofMinutes(10))));
    assertEquals(List.of(new ScheduledPhase("acme", "u1", T0, 2, T0.plus(PHASES.get(1)))), all());
    project(completed("u1", T0, 2, T0.plus(Duration.ofMinutes(31))));
    assertEquals(List.of(new ScheduledPhase("acme", "u1", T0, 3, T0.plus(PHASES.get(2)))), all());
    project(completed("u1", T0, 3, T0.plus(Duration.ofMinutes(61))));
    assertEquals(List.of(), all());
    assertEquals(0, repository.count());
  }

  @Test
  void duplicateLateOrForeignCompletionsChangeNothing() throws Exception {
    project(
        new BecameActive("acme", "u1", T0, "s1", 1),
        completed("u1", T0, 1, T0.plus(Duration.ofMinutes(10))),
        completed("u1", T0, 2, T0.plus(Duration.ofMinutes(30))));
    List<ScheduledPhase> expected = List.of(new ScheduledPhase("acme", "u1", T0, 3, T0.plus(PHASES.get(2))));
    project(
        completed("u1", T0, 2, T0.plus(Duration.ofMinutes(30))), // duplicate of the last one: same values
        completed("u1", T0, 1, T0.plus(Duration.ofMinutes(31))), // late: two phases back
        completed("u1", T0.minusSeconds(600), 3, T0.plus(Duration.ofMinutes(32))), // an earlier idle period
        completed("u2", T0, 3, T0.plus(Duration.ofMinutes(33)))); // a user without a row
    assertEquals(expected, all());
  }

  @Test
  void completionOfAnIdlePeriodThatActivityEndedChangesNothing() throws Exception {
    Instant back = T0.plus(Duration.ofMinutes(12));
    project(
        new BecameActive("acme", "u1", T0, "s1", 1),
        new HeartbeatRecorded("acme", "u1", back, "s1", 1),
        completed("u1", T0, 1, T0.plus(Duration.ofMinutes(12)))); // ran, but its period ended: discarded
    assertEquals(List.of(new ScheduledPhase("acme", "u1", back, 1, back.plus(PHASES.get(0)))), all());
  }

  @Test
  void timesBeyondMicrosecondsStillMatch() throws Exception {
    Instant precise = T0.plusNanos(123_456_789);
    project(new BecameActive("acme", "u1", precise, "s1", 1), completed("u1", precise, 1, T0.plusSeconds(700)));
    assertEquals(2, all().get(0).nextPhase());
  }

  @Test
  void dueListsOnlyDueRowsLongestOverdueFirstAndCapped() throws Exception {
    project(
        new BecameActive("acme", "late", T0.plusSeconds(120), "s", 1),
        new BecameActive("globex", "early", T0, "s", 1),
        new BecameActive("acme", "mid", T0.plusSeconds(60), "s", 1),
        new BecameActive("acme", "notYet", T0.plusSeconds(3600), "s", 1));
    Instant now = T0.plus(PHASES.get(0)).plusSeconds(120);
    assertEquals(
        List.of("early", "mid", "late"), repository.due(now, 10).stream().map(ScheduledPhase::userId).toList());
    assertEquals(List.of("early", "mid"), repository.due(now, 2).stream().map(ScheduledPhase::userId).toList());
    assertEquals(4, repository.count());
  }

  @Test
  void dueRowsArePagedInOrderWithoutGapsOrRepeats() throws Exception {
    project(
        new BecameActive("acme", "u3", T0, "s1", 1),
        new BecameActive("acme", "u1", T0, "s1", 1),
        new BecameActive("acme", "u2", T0.plusSeconds(1), "s1", 1));
    List<ScheduledPhase> first = repository.due(FAR, null, 2);
    assertEquals(List.of("u1", "u3"), first.stream().map(ScheduledPhase::userId).toList());
    List<ScheduledPhase> second = repository.due(FAR, first.get(1), 2);
    assertEquals(List.of("u2"), second.stream().map(ScheduledPhase::userId).toList());
    assertEquals(List.of(), repository.due(FAR, second.get(0), 2));
  }
}
