package io.limbic.cluster.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.cluster.idle.GovernorCommand.GetStatus;
import io.limbic.cluster.idle.GovernorCommand.GetTenantStatus;
import io.limbic.cluster.idle.GovernorCommand.Submit;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.IdlePhaseDone;
import io.limbic.protocol.user.UserCommand.IdlePhaseRefused;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The work governor as an actor: it outlives bad jobs, and it counts per tenant within bounds. */
class WorkGovernorTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant ANCIENT = Instant.parse("-300000000-01-01T00:00:00Z");
  private static final AtomicLong tokens = new AtomicLong();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static IdleSettings settings(int tenantFigures, Duration retention) {
    return new IdleSettings(IdleSchedule.parse("10m,30m,60m"), 1, 10, Duration.ofSeconds(5), Duration.ofSeconds(30),
        10, "unused", tenantFigures, retention, Duration.ofMinutes(5));
  }

  private static ActorRef<GovernorCommand> governor(SettableClock clock) {
    return testKit.spawn(WorkGovernor.create(settings(100, Duration.ofHours(1)), clock));
  }

  /** A job of {@code userKey} whose result is an {@link IdlePhaseDone} with its token. */
  private static Submit job(String userKey, int phase, Instant dueAt, RecipientRef<UserCommand> replyTo) {
    long token = tokens.incrementAndGet();
    return new Submit(token, userKey, phase, NOW.minusSeconds(token), 0, dueAt,
        () -> new IdlePhaseDone(token, phase, NOW, new io.limbic.protocol.user.PhaseResult(null, null, null),
            List.of(), 0), replyTo);
  }

  private static long deliveredToken(TestProbe<UserCommand> probe) {
    return probe.expectMessageClass(IdlePhaseDone.class).token();
  }

  private static GovernorStatus status(ActorRef<GovernorCommand> governor) {
    TestProbe<GovernorStatus> probe = testKit.createTestProbe();
    governor.tell(new GetStatus(probe.ref()));
    return probe.expectMessageClass(GovernorStatus.class);
  }

  private static TenantWork tenant(ActorRef<GovernorCommand> governor, String tenant) {
    TestProbe<TenantWork> probe = testKit.createTestProbe();
    governor.tell(new GetTenantStatus(tenant, probe.ref()));
    return probe.expectMessageClass(TenantWork.class);
  }

  private static long completed(List<GovernorStatus.PhaseStatus> phases, int phase) {
    return phases.get(phase - 1).completed();
  }

  @Test
  void aJobDueAtAnAbsurdTimeRunsAndTheGovernorGoesOnWithLaterJobs() {
    ActorRef<GovernorCommand> governor = governor(new SettableClock(NOW));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    Submit ancient = job("acme/x", 1, ANCIENT, user.ref());
    governor.tell(ancient);
    assertEquals(ancient.token(), deliveredToken(user));
    Submit farFuture = job("acme/y", 1, Instant.MAX, user.ref());
    governor.tell(farFuture);
    assertEquals(farFuture.token(), deliveredToken(user));
    Submit ordinary = job("acme/z", 1, NOW, user.ref());
    governor.tell(ordinary);
    assertEquals(ordinary.token(), deliveredToken(user));

    GovernorStatus status = status(governor);
    GovernorStatus.PhaseStatus light = status.phases().get(0);
    assertEquals(3, light.completed());
    assertEquals(0, light.failed());
    assertEquals(0, light.queued() + light.running());
    // The ancient one's lag is counted, saturated into the last bucket (more than a day); the others in the first.
    assertEquals(1, light.lag().counts()[light.lag().counts().length - 1]);
    assertTrue(light.lag().percentile(1.0) > Duration.ofDays(1).toMillis(), light.lag().toString());
    assertEquals(1.0, light.lag().percentile(0.5));
  }

  @Test
  void aBacklogOfDeepPhasesDoesNotStarveTheLightOnes() throws Exception {
    IdleSettings roomy = new IdleSettings(IdleSchedule.parse("10m,30m,60m"), 1, 100, Duration.ofSeconds(5),
        Duration.ofSeconds(30), 10, "unused", 100, Duration.ofHours(1), Duration.ofMinutes(5));
    ActorRef<GovernorCommand> governor = testKit.spawn(WorkGovernor.create(roomy, new SettableClock(NOW)));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    // The one phase thread is busy while the backlog builds: 20 deep phases of 30 ms, then 5 light ones.
    governor.tell(job("acme/blocker", 2, NOW, user.ref(), () -> hold.await()));
    java.util.Set<Long> deep = new java.util.HashSet<>(), light = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      Submit s = job("acme/deep" + i, 3, NOW, user.ref(), () -> Thread.sleep(30));
      deep.add(s.token());
      governor.tell(s);
    }
    for (int i = 0; i < 5; i++) {
      Submit s = job("acme/light" + i, 1, NOW, user.ref(), () -> {});
      light.add(s.token());
      governor.tell(s);
    }
    hold.countDown();
    deliveredToken(user);
    int deepBeforeLastLight = 0, lightSeen = 0;
    while (lightSeen < light.size()) {
      long token = deliveredToken(user);
      if (light.contains(token)) lightSeen++;
      else if (deep.contains(token)) deepBeforeLastLight++;
    }
    // Deeper-first would deliver all 20 deep phases first.
    assertTrue(deepBeforeLastLight <= 2, deepBeforeLastLight + " deep phases ran before the last light one");
    for (int i = deepBeforeLastLight; i < deep.size(); i++) assertTrue(deep.contains(deliveredToken(user)));
  }

  @Test
  void aQueueFullOfDeepPhasesMakesRoomForALightOneAndRefusesTheLastDeepOne() {
    ActorRef<GovernorCommand> governor = governor(new SettableClock(NOW)); // one thread, 10 places
    TestProbe<UserCommand> user = testKit.createTestProbe();
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    governor.tell(job("acme/blocker", 2, NOW, user.ref(), () -> hold.await()));
    List<Submit> deep = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Submit s = job("acme/deep" + i, 3, NOW.plusSeconds(i), user.ref());
      deep.add(s);
      governor.tell(s);
    }
    Submit light = job("acme/light", 1, NOW, user.ref());
    governor.tell(light);
    // The last deep job in its lane's order (the least overdue) gives its place up and is told so.
    assertEquals(deep.get(9).token(), user.expectMessageClass(IdlePhaseRefused.class).token());
    GovernorStatus status = status(governor);
    assertEquals(1, status.phases().get(0).queued());
    assertEquals(9, status.phases().get(2).queued());
    assertEquals(1, status.phases().get(2).rejected());
    // Queue full again, and the light phase is within its share: a second light job makes room too, a deep one
    // does not.
    Submit moreDeep = job("acme/deep10", 3, NOW, user.ref());
    governor.tell(moreDeep);
    assertEquals(moreDeep.token(), user.expectMessageClass(IdlePhaseRefused.class).token());
    hold.countDown();
    java.util.Set<Long> delivered = new java.util.HashSet<>();
    for (int i = 0; i < 11; i++) delivered.add(deliveredToken(user));
    assertTrue(delivered.contains(light.token()));
    assertEquals(0, status(governor).phases().get(2).queued());
  }

  /** A job whose work runs {@code body} first. */
  private static Submit job(String userKey, int phase, Instant dueAt, RecipientRef<UserCommand> replyTo,
      Body body) {
    long token = tokens.incrementAndGet();
    return new Submit(token, userKey, phase, NOW.minusSeconds(token), 0, dueAt,
        () -> {
          body.run();
          return new IdlePhaseDone(token, phase, NOW, new io.limbic.protocol.user.PhaseResult(null, null, null),
              List.of(), 0);
        }, replyTo);
  }

  private interface Body {
    void run() throws Exception;
  }

  @Test
  void aJobWhoseDeliveryThrowsDoesNotStopTheGovernor() {
    ActorRef<GovernorCommand> governor = governor(new SettableClock(NOW));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    RecipientRef<UserCommand> exploding = message -> {
      throw new IllegalStateException("delivery failed (test)");
    };
    Submit first = job("acme/boom", 1, NOW, exploding);
    Submit waiting = job("acme/next", 2, NOW, user.ref());
    governor.tell(first);
    governor.tell(waiting);
    // The queued job still runs, and later jobs too.
    assertEquals(waiting.token(), deliveredToken(user));
    Submit later = job("acme/later", 3, NOW, user.ref());
    governor.tell(later);
    assertEquals(later.token(), deliveredToken(user));

    GovernorStatus status = status(governor);
    assertEquals(List.of(1L, 1L, 1L), status.phases().stream().map(GovernorStatus.PhaseStatus::completed).toList());
  }

  @Test
  void aJobThatThrowsIsCountedAsFailedAndOfferedAgainByItsUser() {
    ActorRef<GovernorCommand> governor = governor(new SettableClock(NOW));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    long token = tokens.incrementAndGet();
    governor.tell(new Submit(token, "acme/bad", 1, NOW, 0, NOW, () -> {
      throw new ArithmeticException("long overflow (test)");
    }, user.ref()));
    assertEquals(token, user.expectMessageClass(IdlePhaseRefused.class).token());
    Submit next = job("acme/good", 1, NOW, user.ref());
    governor.tell(next);
    assertEquals(next.token(), deliveredToken(user));
    GovernorStatus.PhaseStatus light = status(governor).phases().get(0);
    assertEquals(1, light.failed());
    assertEquals(1, light.completed());
  }

  @Test
  void aMalformedJobIsRefusedAndTheGovernorGoesOn() {
    ActorRef<GovernorCommand> governor = governor(new SettableClock(NOW));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    Submit noSuchPhase = job("acme/x", 7, NOW, user.ref());
    governor.tell(noSuchPhase);
    assertEquals(noSuchPhase.token(), user.expectMessageClass(IdlePhaseRefused.class).token());
    Submit noDueTime = job("acme/x", 1, null, user.ref());
    governor.tell(noDueTime);
    assertEquals(noDueTime.token(), user.expectMessageClass(IdlePhaseRefused.class).token());
    Submit good = job("acme/x", 1, NOW, user.ref());
    governor.tell(good);
    assertEquals(good.token(), deliveredToken(user));
  }

  @Test
  void eachTenantSeesOnlyItsOwnWork() {
    ActorRef<GovernorCommand> governor = governor(new SettableClock(NOW));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    for (String key : List.of("acme/u1", "acme/u2", "globex/u1")) {
      Submit s = job(key, 1, NOW, user.ref());
      governor.tell(s);
      assertEquals(s.token(), deliveredToken(user));
    }
    assertEquals(2, completed(tenant(governor, "acme").phases(), 1));
    assertEquals(1, completed(tenant(governor, "globex").phases(), 1));
    TenantWork stranger = tenant(governor, "initech");
    assertEquals(3, stranger.phases().size());
    for (GovernorStatus.PhaseStatus p : stranger.phases()) {
      assertEquals(0, p.queued() + p.running() + p.completed() + p.halted() + p.rejected() + p.failed());
      assertEquals(0, p.lag().count());
    }
    GovernorStatus node = status(governor);
    assertEquals(3, completed(node.phases(), 1));
    assertEquals(2, node.tenantsTracked());
  }

  @Test
  void tenantFiguresAreBoundedInNumberAndForgottenWhenIdleLongEnough() {
    SettableClock clock = new SettableClock(NOW);
    ActorRef<GovernorCommand> governor =
        testKit.spawn(WorkGovernor.create(settings(2, Duration.ofHours(1)), clock));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    for (String tenant : List.of("t1", "t2", "t3")) {
      Submit s = job(tenant + "/u", 1, NOW, user.ref());
      governor.tell(s);
      assertEquals(s.token(), deliveredToken(user));
      clock.advance(Duration.ofSeconds(1));
    }
    // At most two: the idle tenant that changed longest ago went first.
    assertEquals(2, status(governor).tenantsTracked());
    assertEquals(0, completed(tenant(governor, "t1").phases(), 1));
    assertEquals(1, completed(tenant(governor, "t3").phases(), 1));
    // The node's own figures lose nothing.
    assertEquals(3, completed(status(governor).phases(), 1));

    clock.advance(Duration.ofHours(2));
    assertEquals(0, status(governor).tenantsTracked());
    assertEquals(3, completed(status(governor).phases(), 1));
  }

  /** A job whose result is released by {@code gate}, for work that must still be waiting or running. */
  private static Submit gated(long token, String userKey, int phase, Instant idleSince, java.util.concurrent.CountDownLatch gate,
      RecipientRef<UserCommand> replyTo) {
    return new Submit(token, userKey, phase, idleSince, 0, NOW, () -> {
      gate.await();
      return new IdlePhaseDone(token, phase, idleSince, new io.limbic.protocol.user.PhaseResult(null, null, null), List.of(), 0);
    }, replyTo);
  }

  @Test
  void theSameWorkOfferedAgainIsNotQueuedTwiceAndItsUserIsToldWhichJobHoldsIt() {
    ActorRef<GovernorCommand> governor = governor(new SettableClock(NOW));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    var gate = new java.util.concurrent.CountDownLatch(1);
    long first = tokens.incrementAndGet();
    long running = tokens.incrementAndGet();
    long again = tokens.incrementAndGet();
    long other = tokens.incrementAndGet();
    // Concurrency 1: "running" occupies the thread, so "first" waits in the queue.
    governor.tell(gated(running, "acme/busy", 1, NOW, gate, user.ref()));
    governor.tell(gated(first, "acme/u1", 1, NOW, gate, user.ref()));
    // A new incarnation (after passivation) offers the same phase of the same idle period.
    governor.tell(gated(again, "acme/u1", 1, NOW, gate, user.ref()));
    var held = user.expectMessageClass(UserCommand.IdlePhaseHeld.class);
    assertEquals(again, held.token());
    assertEquals(first, held.heldToken());
    // Another idle period is other work.
    governor.tell(gated(other, "acme/u1", 1, NOW.plusSeconds(1), gate, user.ref()));
    GovernorStatus.PhaseStatus light = status(governor).phases().get(0);
    assertEquals(1, light.running());
    assertEquals(2, light.queued());
    gate.countDown();
    java.util.Set<Long> done = new java.util.HashSet<>();
    for (int i = 0; i < 3; i++) done.add(deliveredToken(user));
    assertEquals(java.util.Set.of(running, first, other), done);
    // Released when done: the same work can be offered again later.
    long later = tokens.incrementAndGet();
    governor.tell(gated(later, "acme/u1", 1, NOW, gate, user.ref()));
    assertEquals(later, deliveredToken(user));
  }

  @Test
  void aReturningUserCancelsEveryJobOfTheirsOnEveryNodesGovernor() throws Exception {
    ActorRef<GovernorCommand> here = governor(new SettableClock(NOW));
    ActorRef<GovernorCommand> there = governor(new SettableClock(NOW));
    TestProbe<UserCommand> user = testKit.createTestProbe();
    var gate = new java.util.concurrent.CountDownLatch(1);
    long runningThere = tokens.incrementAndGet();
    long queuedThere = tokens.incrementAndGet();
    long bystander = tokens.incrementAndGet();
    there.tell(gated(runningThere, "acme/back", 1, NOW, gate, user.ref()));
    there.tell(gated(queuedThere, "acme/back", 2, NOW, gate, user.ref()));
    here.tell(gated(bystander, "acme/other", 1, NOW, gate, user.ref()));
    // Both governors registered with the receptionist: "here" relays to "there".
    io.limbic.cluster.testkit.Eventually.within(Duration.ofSeconds(10), () -> {
      here.tell(new GovernorCommand.CancelUser("acme/back", true));
      GovernorStatus.PhaseStatus light = status(there).phases().get(0);
      GovernorStatus.PhaseStatus medium = status(there).phases().get(1);
      assertEquals(1, light.halted());
      assertEquals(1, medium.halted());
    });
    gate.countDown();
    // The bystander's job was not touched; nothing of the returning user's is left to deliver.
    assertEquals(bystander, deliveredToken(user));
    for (GovernorStatus.PhaseStatus phase : status(there).phases()) {
      assertEquals(0, phase.queued() + phase.running() + phase.completed(), phase.toString());
    }
  }
}
