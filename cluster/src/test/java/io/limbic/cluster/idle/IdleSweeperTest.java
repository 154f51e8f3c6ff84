package io.limbic.cluster.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.projections.idle.ScheduledPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sweeper as an actor: neither a row it cannot wake nor a failure of its own stops the sweeps. */
class IdleSweeperTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofMillis(50);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static ScheduledPhase row(String tenant, String userId) {
    return new ScheduledPhase(tenant, userId, NOW.minusSeconds(3600), 1, NOW.minusSeconds(3000));
  }

  @Test
  void aRowThatCannotBeWokenIsSkippedAndTheRowsBehindItAreWoken() {
    TestProbe<String> woken = testKit.createTestProbe();
    IdleSweeper.DueRows rows = (now, after, limit) -> List.of(row("acme", "poison"), row("acme", "good"));
    testKit.spawn(IdleSweeper.create(rows, Runnable::run, INTERVAL, 1000, new SettableClock(NOW), entityId -> {
      if (entityId.endsWith("/poison")) throw new IllegalStateException("cannot wake (test)");
      woken.ref().tell(entityId);
    }));
    assertEquals("acme/good", woken.receiveMessage());
  }

  @Test
  void theSweeperKeepsSweepingAfterAFailureOfItsOwn() {
    TestProbe<String> woken = testKit.createTestProbe();
    SettableClock clock = new SettableClock(NOW);
    clock.failNext(1); // the first sweep fails inside the actor
    AtomicInteger sweeps = new AtomicInteger();
    IdleSweeper.DueRows rows = (now, after, limit) -> List.of(row("acme", "u" + sweeps.incrementAndGet()));
    testKit.spawn(IdleSweeper.create(rows, Runnable::run, INTERVAL, 1000, clock, entityId -> woken.ref().tell(entityId)));
    // Restarted (after its backoff), it sweeps again, and again at every interval.
    assertEquals("acme/u1", woken.receiveMessage(Duration.ofSeconds(10)));
    assertEquals("acme/u2", woken.receiveMessage(Duration.ofSeconds(10)));
  }

  @Test
  void aFailedQueryIsRetriedAtTheNextInterval() {
    TestProbe<String> woken = testKit.createTestProbe();
    AtomicInteger calls = new AtomicInteger();
    IdleSweeper.DueRows rows = (now, after, limit) -> {
      if (calls.incrementAndGet() == 1) throw new java.sql.SQLException("database down (test)");
      return List.of(row("acme", "later"));
    };
    testKit.spawn(IdleSweeper.create(rows, Runnable::run, INTERVAL, 1000, new SettableClock(NOW),
        entityId -> woken.ref().tell(entityId)));
    assertEquals("acme/later", woken.receiveMessage(Duration.ofSeconds(10)));
  }

  @Test
  void aBacklogIsWokenAtTheConfiguredPaceNotAllAtOnce() throws Exception {
    SettableClock clock = new SettableClock(NOW);
    java.util.List<ScheduledPhase> backlog = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) backlog.add(row("acme", "b" + i));
    // When (by the sweeper's clock) each user was woken.
    java.util.Map<String, Instant> wokenAt = new java.util.concurrent.ConcurrentHashMap<>();
    testKit.spawn(IdleSweeper.create((now, after, limit) -> backlog, Runnable::run, INTERVAL, 5, clock,
        entityId -> wokenAt.putIfAbsent(entityId, clock.instant())));
    for (int second = 0; second < 3; second++) {
      int expected = Math.min(12, 5 * (second + 1));
      io.limbic.cluster.testkit.Eventually.within(Duration.ofSeconds(10),
          () -> assertEquals(expected, wokenAt.size()));
      clock.advance(Duration.ofSeconds(1));
    }
    // Five a second: the sixth and later waited for the budget's second, the eleventh and twelfth for its third.
    for (int i = 0; i < 12; i++) {
      assertEquals(NOW.plusSeconds(i / 5), wokenAt.get("acme/b" + i), "b" + i);
    }
  }
}
