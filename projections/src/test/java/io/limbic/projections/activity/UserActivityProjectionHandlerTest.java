package io.limbic.projections.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events in, rows out: the handler against a migrated in-memory H2 (and PostgreSQL, in the subclass). */
class UserActivityProjectionHandlerTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  ReadModelDatabase db;
  private UserActivityRepository repository;

  ReadModelDatabase open() throws Exception {
    return ReadModelDatabase.h2();
  }

  @BeforeEach
  void setUp() throws Exception {
    db = open();
    repository = new UserActivityRepository(db.dataSource);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void project(UserEvent... events) throws Exception {
    db.project(new UserActivityProjectionHandler(), events);
  }

  private List<ActiveUser> activeSince(String tenant, Instant since) throws Exception {
    return repository.activeSince(tenant, since, 100).users();
  }

  @Test
  void firstEventCreatesTheRowAndLaterOnesAddHeartbeats() throws Exception {
    project(
        new BecameActive("acme", "u1", T0, "s1", 1),
        new HeartbeatRecorded("acme", "u1", T0.plusSeconds(60), "s1", 2),
        new HeartbeatRecorded("acme", "u1", T0.plusSeconds(120), "s1", 3));
    assertEquals(List.of(new ActiveUser("u1", T0, T0.plusSeconds(120), 6)), activeSince("acme", T0));
  }

  @Test
  void aLateEventNeverMovesLastActiveBackwards() throws Exception {
    project(
        new BecameActive("acme", "u1", T0, "s1", 1),
        new HeartbeatRecorded("acme", "u1", T0.plusSeconds(120), "s1", 1),
        new HeartbeatRecorded("acme", "u1", T0.plusSeconds(60), null, 1));
    assertEquals(T0.plusSeconds(120), activeSince("acme", T0).get(0).lastActiveAt());
  }

  @Test
  void aNewActivePeriodMovesActiveSinceAndKeepsCounting() throws Exception {
    Instant later = T0.plus(Duration.ofHours(2));
    project(new BecameActive("acme", "u1", T0, "s1", 1), new BecameActive("acme", "u1", later, "s2", 1));
    assertEquals(List.of(new ActiveUser("u1", later, later, 2)), activeSince("acme", T0));
  }

  @Test
  void tenantsAndWindowsAreKeptApart() throws Exception {
    project(
        new BecameActive("acme", "u1", T0, "s1", 1),
        new BecameActive("globex", "u1", T0.plusSeconds(300), "s1", 1),
        new BecameActive("acme", "u2", T0.plusSeconds(600), "s1", 1));
    assertEquals(2, repository.activeSince("acme", T0, 100).count());
    assertEquals(List.of("u2"), activeSince("acme", T0.plusSeconds(1)).stream().map(ActiveUser::userId).toList());
    assertEquals(1, repository.activeSince("globex", T0, 100).count());
  }

  @Test
  void theListIsCappedButTheCountIsNot() throws Exception {
    for (int i = 0; i < 5; i++) project(new BecameActive("acme", "u" + i, T0.plusSeconds(i), "s", 1));
    ActivityReport report = repository.activeSince("acme", T0, 3);
    assertEquals(5, report.count());
    assertEquals(List.of("u4", "u3", "u2"), report.users().stream().map(ActiveUser::userId).toList());
  }
}
