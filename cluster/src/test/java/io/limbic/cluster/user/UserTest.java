package io.limbic.cluster.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.limbic.analytics.activity.HeartbeatPolicy;
import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.IdleRuntime;
import io.limbic.cluster.idle.IdleSettings;
import io.limbic.protocol.user.HeartbeatAck;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.UserCommand.GetUser;
import io.limbic.protocol.user.UserCommand.IdlePhaseDone;
import io.limbic.protocol.user.UserCommand.Identify;
import io.limbic.protocol.user.UserCommand.RecordEmotion;
import io.limbic.protocol.user.UserCommand.RecordProductEvents;
import io.limbic.protocol.user.UserEmotion;
import io.limbic.protocol.user.UserCommand.Passivate;
import io.limbic.protocol.user.UserCommand.RecordHeartbeat;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import io.limbic.protocol.user.UserView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {
  // Recent, so that idle phases are not due during a test unless the test makes them so.
  private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "pekko.actor.serialization-bindings {\"io.limbic.protocol.CborSerializable\" = jackson-cbor}")
              .withFallback(EventSourcedBehaviorTestKit.config()));

  private static final Duration WINDOW = Duration.ofHours(24);
  private static final io.limbic.protocol.user.PhaseResult EMPTY_RESULT =
      new io.limbic.protocol.user.PhaseResult(null, null, null);
  private static final io.limbic.protocol.user.PhaseResult LATE_RESULT = new io.limbic.protocol.user.PhaseResult(
      null, null, new io.limbic.protocol.user.PhaseResult.MatchRun(null, 0, 0, "late"));

  private EventSourcedBehaviorTestKit<UserCommand, UserEvent, UserState> kit;

  @BeforeEach
  void setUp() {
    kit = newKit(Duration.ofSeconds(60));
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static UserSettings settings(Duration persistInterval, int maxEventIds) {
    return new UserSettings(
        new HeartbeatPolicy(Duration.ofMinutes(5), persistInterval), 100, Duration.ofSeconds(5), WINDOW, maxEventIds);
  }

  private static EventSourcedBehaviorTestKit<UserCommand, UserEvent, UserState> newKit(Duration interval) {
    UserSettings settings = settings(interval, 100_000);
    // Serialization checks on: every command, event, reply and the state go through jackson-cbor.
    return EventSourcedBehaviorTestKit.create(
        testKit.system(),
        User.create("acme/u1", settings, idleRuntime()),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
  }

  private CommandResultWithReply<UserCommand, UserEvent, UserState, StatusReply<HeartbeatAck>> beat(
      EventSourcedBehaviorTestKit<UserCommand, UserEvent, UserState> k, Instant at) {
    return k.runCommand(replyTo -> new RecordHeartbeat(at, "s1", replyTo));
  }

  /** Idle phases that never run in these tests: the governor is a probe that nobody answers. */
  static IdleRuntime idleRuntime() {
    IdleSettings settings =
        new IdleSettings(IdleSchedule.parse("10m,30m,60m"), 1, 10, Duration.ofSeconds(5), Duration.ofSeconds(30), 10, "unused");
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    return new IdleRuntime(settings, governor.ref(), input -> () -> null, id -> testKit.system().ignoreRef());
  }

  private static void assertActivityView(UserView view, String userId, Instant last, Instant since, long beats) {
    assertEquals(userId, view.userId());
    assertEquals(last, view.lastActiveAt());
    assertEquals(since, view.activeSince());
    assertEquals(beats, view.heartbeatCount());
  }

  private static void assertActivity(UserState state, Instant since, Instant last, long heartbeats) {
    assertEquals(since, state.activeSince());
    assertEquals(last, state.lastActiveAt());
    assertEquals(heartbeats, state.heartbeats());
  }

  @Test
  void firstHeartbeatPersistsBecameActive() {
    var result = beat(kit, T0);
    assertEquals(List.of(new BecameActive("acme", "u1", T0, "s1", 1)), result.events());
    assertEquals(new HeartbeatAck("u1", T0, T0, false), result.reply().getValue());
    assertActivity(result.state(), T0, T0, 1);
  }

  @Test
  void heartbeatsWithinTheIntervalAreCoalescedAndTheNextPersistedOneAccountsForThem() {
    beat(kit, T0);
    var second = beat(kit, T0.plusSeconds(30));
    assertTrue(second.hasNoEvents());
    assertEquals(T0.plusSeconds(30), second.reply().getValue().lastActiveAt());
    assertTrue(beat(kit, T0.plusSeconds(45)).hasNoEvents());

    var recorded = beat(kit, T0.plusSeconds(60));
    assertEquals(List.of(new HeartbeatRecorded("acme", "u1", T0.plusSeconds(60), "s1", 3)), recorded.events());
    assertActivity(recorded.state(), T0, T0.plusSeconds(60), 4);
  }

  @Test
  void zeroIntervalPersistsEveryHeartbeat() {
    var everyOne = newKit(Duration.ZERO);
    beat(everyOne, T0);
    var second = beat(everyOne, T0.plusMillis(10));
    assertEquals(List.of(new HeartbeatRecorded("acme", "u1", T0.plusMillis(10), "s1", 1)), second.events());
  }

  @Test
  void heartbeatAfterAnIdleGapStartsANewPeriodAndKeepsTheCoalescedOnes() {
    beat(kit, T0);
    beat(kit, T0.plusSeconds(20)); // coalesced
    Instant back = T0.plus(Duration.ofMinutes(30));
    var result = beat(kit, back);
    assertEquals(
        List.of(
            new HeartbeatRecorded("acme", "u1", T0.plusSeconds(20), null, 1),
            new BecameActive("acme", "u1", back, "s1", 1)),
        result.events());
    assertEquals(new HeartbeatAck("u1", back, back, false), result.reply().getValue());
    assertEquals(3, result.state().heartbeats());
  }

  @Test
  void lateHeartbeatNeverMovesActivityBackwards() {
    beat(kit, T0.plusSeconds(100));
    var late = beat(kit, T0);
    assertEquals(T0.plusSeconds(100), late.reply().getValue().lastActiveAt());
  }

  @Test
  void unknownUserIsAnErrorAndCreatesNothing() {
    var result = kit.<StatusReply<UserView>>runCommand(GetUser::new);
    assertTrue(result.reply().isError());
    assertTrue(result.hasNoEvents());
    assertFalse(result.state().isKnown());
  }

  @Test
  void getUserCountsCoalescedHeartbeats() {
    beat(kit, T0);
    beat(kit, T0.plusSeconds(30));
    var view = kit.<StatusReply<UserView>>runCommand(GetUser::new).reply().getValue();
    assertActivityView(view, "u1", T0.plusSeconds(30), T0, 2);
  }

  @Test
  void passivationWritesCoalescedHeartbeatsFirstSoTheyAreNotLost() {
    UserSettings settings = settings(Duration.ofSeconds(60), 100_000);
    TestProbe<StatusReply<HeartbeatAck>> acks = testKit.createTestProbe();
    ActorRef<UserCommand> user = testKit.spawn(User.create("acme/passivated", settings, idleRuntime()));
    user.tell(new RecordHeartbeat(T0, "s1", acks.ref()));
    user.tell(new RecordHeartbeat(T0.plusSeconds(30), "s1", acks.ref()));
    acks.receiveSeveralMessages(2);
    user.tell(Passivate.INSTANCE);
    acks.expectTerminated(user);

    TestProbe<StatusReply<UserView>> views = testKit.createTestProbe();
    ActorRef<UserCommand> again = testKit.spawn(User.create("acme/passivated", settings, idleRuntime()));
    again.tell(new GetUser(views.ref()));
    assertActivityView(views.receiveMessage().getValue(), "passivated", T0.plusSeconds(30), T0, 2);
  }

  private CommandResultWithReply<UserCommand, UserEvent, UserState, StatusReply<ProductEventsResult>> events(
      ProductEvent... events) {
    return kit.runCommand(replyTo -> new RecordProductEvents(List.of(events), replyTo));
  }

  @Test
  void productEventsBuildLifetimeValuePerCurrencyAndRetriesAreRecognised() {
    ProductEvent buy = new ProductEvent("e1", "purchase", new BigDecimal("100.50"), "EUR", T0);
    ProductEvent renew = new ProductEvent("e2", "renewal", new BigDecimal("20"), "EUR", T0);
    ProductEvent refund = new ProductEvent("e3", "refund", new BigDecimal("30"), "EUR", T0);
    ProductEvent dollars = new ProductEvent("e4", "purchase", new BigDecimal("5"), "USD", T0);
    ProductEvent signup = new ProductEvent("e5", "signup", null, null, T0);
    var first = events(buy, renew, refund, dollars, signup, buy);
    assertEquals(new ProductEventsResult(5, 1), first.reply().getValue());
    // One journal row for the whole command, whatever its size.
    assertEquals(1, first.events().size());
    assertEquals(5, ((UserEvent.ProductEventsRecorded) first.events().get(0)).events().size());
    assertEquals(0, new BigDecimal("90.50").compareTo(first.state().lifetimeValue().get("EUR")));
    assertEquals(0, new BigDecimal("5").compareTo(first.state().lifetimeValue().get("USD")));

    var retry = events(buy, refund);
    assertEquals(new ProductEventsResult(0, 2), retry.reply().getValue());
    assertTrue(retry.hasNoEvents());
  }

  @Test
  void emotionsAndIdentityShowOnTheUser() {
    kit.<StatusReply<Done>>runCommand(replyTo -> new RecordEmotion("s1", "hesitation", "decision anxiety", 0.91, T0, replyTo));
    kit.<StatusReply<Done>>runCommand(replyTo -> new Identify("s1", "anon-1", "acme.com", "acme.com", T0, replyTo));
    UserView view = kit.<StatusReply<UserView>>runCommand(GetUser::new).reply().getValue();
    assertEquals(new UserEmotion("hesitation", "decision anxiety", 0.91, "s1", T0), view.emotion());
    assertEquals("acme.com", view.company());
    assertEquals(0, view.heartbeatCount());
  }

  private static RecordEmotion emotion(String emotionId, String state, ActorRef<StatusReply<Done>> replyTo) {
    return new RecordEmotion(
        "s1", state, state, 0.9, T0, emotionId, "/pricing", "plans", "3 rage clicks", null, replyTo);
  }

  @Test
  void aRedeliveredEmotionIsAcknowledgedAndChangesNothing() {
    var first = kit.<StatusReply<Done>>runCommand(r -> emotion("Session|acme/s1:7", "rage", r));
    assertTrue(first.reply().isSuccess());
    assertEquals(1, first.events().size());
    kit.<StatusReply<Done>>runCommand(r -> emotion("Session|acme/s1:9", "calm", r));

    var repeat = kit.<StatusReply<Done>>runCommand(r -> emotion("Session|acme/s1:7", "rage", r));
    assertTrue(repeat.reply().isSuccess());
    assertTrue(repeat.hasNoEvents());
    assertEquals("calm", repeat.state().emotion().state());
    // Remembered across a restart (from the journal and from a snapshot alike).
    kit.restart();
    assertTrue(kit.<StatusReply<Done>>runCommand(r -> emotion("Session|acme/s1:9", "calm", r)).hasNoEvents());
  }

  @Test
  void onlyTheLatestEmotionIdsAreRemembered() {
    UserState state = UserState.empty("acme", "u1");
    for (int i = 0; i < UserState.MAX_EMOTION_IDS + 10; i++) {
      state = state.apply(new UserEvent.EmotionObserved(
          "acme", "u1", T0, "s1", "calm", "calm", 0.5, "Session|acme/s1:" + i, null, null));
    }
    assertEquals(UserState.MAX_EMOTION_IDS, state.emotionIds().size());
    assertFalse(state.hasRecordedEmotion("Session|acme/s1:9"));
    assertTrue(state.hasRecordedEmotion("Session|acme/s1:10"));
  }

  @Test
  void aHeartbeatHaltsTheIdlePhaseInFlightAndItsLateResultIsDropped() {
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    var idleKit = idleKit("acme/idle", governor);
    Instant away = Instant.now().minus(Duration.ofMinutes(11));
    idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(away, "s1", replyTo));
    // Idle for 11 minutes: the light phase is due at once and offered to the governor.
    GovernorCommand.Submit submit = governor.expectMessageClass(GovernorCommand.Submit.class);
    assertEquals(1, submit.phase());

    var back = idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(Instant.now(), "s1", replyTo));
    assertTrue(back.reply().getValue().processingHalted());
    assertEquals(submit.token(), governor.expectMessageClass(GovernorCommand.Cancel.class).token());

    var late = idleKit.runCommand(new IdlePhaseDone(submit.token(), 1, away, LATE_RESULT, List.of(), 0));
    assertTrue(late.hasNoEvents(), "the halted phase's result is not persisted");
    var next = idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(Instant.now(), "s1", replyTo));
    assertFalse(next.reply().getValue().processingHalted());
  }

  @Test
  void aFinishedPhaseIsPersistedOnceAndAWakeUpNeverRunsItAgain() {
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    var idleKit = idleKit("acme/idle2", governor);
    Instant away = Instant.now().minus(Duration.ofMinutes(11)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(away, "s1", replyTo));
    GovernorCommand.Submit submit = governor.expectMessageClass(GovernorCommand.Submit.class);

    var done = idleKit.runCommand(new IdlePhaseDone(submit.token(), 1, away, LATE_RESULT, List.of(), 0));
    UserEvent.IdlePhaseCompleted completed = (UserEvent.IdlePhaseCompleted) done.events().get(0);
    assertEquals(1, completed.phase());
    assertEquals(away, completed.idleSince());
    assertEquals(1, done.state().matching().completedFor(away));

    // A job submitted before a passivation reaches the new incarnation: its result still counts, once.
    idleKit.restart();
    var fromEarlier = idleKit.runCommand(new IdlePhaseDone(42, 2, away, EMPTY_RESULT, List.of(), 0));
    assertEquals(1, fromEarlier.events().size());
    assertEquals(2, fromEarlier.state().matching().completedFor(away));
    assertTrue(idleKit.runCommand(new IdlePhaseDone(42, 2, away, EMPTY_RESULT, List.of(), 0)).hasNoEvents());

    // A duplicate result and a late wake-up change nothing; phase 3 (60 min) is not due yet.
    assertTrue(idleKit.runCommand(new IdlePhaseDone(submit.token(), 1, away, EMPTY_RESULT, List.of(), 0)).hasNoEvents());
    idleKit.runCommand(UserCommand.WakeForIdlePhases.INSTANCE);
    governor.expectNoMessage(Duration.ofMillis(200));
  }

  /** Issue 10: the same phase offered by a new incarnation is the job already held, and the user waits for it. */
  @Test
  void aNewIncarnationWaitsForTheJobTheGovernorAlreadyHolds() {
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    var idleKit = idleKit("acme/idle3", governor);
    Instant away = Instant.now().minus(Duration.ofMinutes(11)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(away, "s1", replyTo));
    GovernorCommand.Submit first = governor.expectMessageClass(GovernorCommand.Submit.class);
    idleKit.restart();
    idleKit.runCommand(UserCommand.WakeForIdlePhases.INSTANCE);
    GovernorCommand.Submit again = governor.expectMessageClass(GovernorCommand.Submit.class);
    assertEquals(List.of(first.userKey(), first.phase(), first.idleSince()),
        List.of(again.userKey(), again.phase(), again.idleSince()));
    idleKit.runCommand(new UserCommand.IdlePhaseHeld(again.token(), first.token()));
    // The held job is the one in flight now: the user coming back cancels it by its token.
    var back = idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(Instant.now(), "s1", replyTo));
    assertTrue(back.reply().getValue().processingHalted());
    assertEquals(first.token(), governor.expectMessageClass(GovernorCommand.Cancel.class).token());
  }

  /** Issue 10: a job left by an earlier incarnation is cancelled on every node when the user comes back. */
  @Test
  void theFirstHeartbeatAfterADuePhaseInANewIncarnationCancelsTheUsersJobsEverywhere() {
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    var idleKit = idleKit("acme/idle4", governor);
    Instant away = Instant.now().minus(Duration.ofMinutes(11));
    idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(away, "s1", replyTo));
    governor.expectMessageClass(GovernorCommand.Submit.class);
    idleKit.restart();
    idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(Instant.now(), "s1", replyTo));
    assertEquals(new GovernorCommand.CancelUser("acme/idle4", true),
        governor.expectMessageClass(GovernorCommand.CancelUser.class));
    // Only once per incarnation, and never for an active user with nothing due.
    idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(Instant.now(), "s1", replyTo));
    var active = idleKit("acme/idle5", governor);
    active.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(Instant.now(), "s1", replyTo));
    active.restart();
    active.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(Instant.now(), "s1", replyTo));
    governor.expectNoMessage(Duration.ofMillis(200));
  }

  /**
   * Issue 10: a refused job is offered again by the user's own timer, after half to all of retry-after (2 s here),
   * and the sweeper's wake-ups meanwhile offer nothing (before, each of them offered it again at once).
   */
  @Test
  void aRefusedJobIsOfferedAgainByItsTimerNotByTheSweepersWakeUps() {
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    var idleKit = idleKit("acme/idle6", governor, Duration.ofSeconds(2));
    Instant away = Instant.now().minus(Duration.ofMinutes(11));
    idleKit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(away, "s1", replyTo));
    GovernorCommand.Submit first = governor.expectMessageClass(GovernorCommand.Submit.class);
    idleKit.runCommand(new UserCommand.IdlePhaseRefused(first.token()));
    idleKit.runCommand(UserCommand.WakeForIdlePhases.INSTANCE);
    idleKit.runCommand(UserCommand.WakeForIdlePhases.INSTANCE);
    governor.expectNoMessage(Duration.ofMillis(300));
    GovernorCommand.Submit again = governor.expectMessageClass(GovernorCommand.Submit.class, Duration.ofSeconds(10));
    assertEquals(List.of(first.phase(), first.idleSince()), List.of(again.phase(), again.idleSince()));
    // Taken this time (the governor holds it): a wake-up finds it in flight and offers nothing.
    idleKit.runCommand(new UserCommand.IdlePhaseHeld(again.token(), again.token()));
    idleKit.runCommand(UserCommand.WakeForIdlePhases.INSTANCE);
    governor.expectNoMessage(Duration.ofMillis(200));
  }

  /** A user whose idle phases go to {@code governor}, a probe that answers nothing by itself. */
  private static EventSourcedBehaviorTestKit<UserCommand, UserEvent, UserState> idleKit(
      String entityId, TestProbe<GovernorCommand> governor) {
    return idleKit(entityId, governor, Duration.ofSeconds(30));
  }

  private static EventSourcedBehaviorTestKit<UserCommand, UserEvent, UserState> idleKit(
      String entityId, TestProbe<GovernorCommand> governor, Duration retryAfter) {
    UserSettings settings = settings(Duration.ofSeconds(60), 100_000);
    IdleSettings idleSettings = new IdleSettings(
        IdleSchedule.parse("10m,30m,60m"), 1, 10, Duration.ofSeconds(5), retryAfter, 10, "unused");
    IdleRuntime runtime =
        new IdleRuntime(idleSettings, governor.ref(), input -> () -> null, id -> testKit.system().ignoreRef());
    return EventSourcedBehaviorTestKit.create(
        testKit.system(), User.create(entityId, settings, runtime),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
  }

  /** An erased user's entity refuses everything, also after a restart; a repeat erasure is acknowledged. */
  @Test
  void anErasedUserRefusesEveryCommandAndStaysErasedAfterARestart() {
    kit.<org.apache.pekko.pattern.StatusReply<io.limbic.protocol.user.HeartbeatAck>>runCommand(
        r -> new UserCommand.RecordHeartbeat(Instant.now(), "s1", r));
    var erased = kit.<org.apache.pekko.pattern.StatusReply<org.apache.pekko.Done>>runCommand(UserCommand.Erase::new);
    assertTrue(erased.reply().isSuccess());
    assertTrue(erased.state().isErased());
    for (int round = 0; round < 2; round++) {
      var matches = kit.<org.apache.pekko.pattern.StatusReply<io.limbic.protocol.user.DailyMatchesView>>runCommand(
          UserCommand.GetDailyMatches::new);
      assertTrue(matches.reply().isError(), "round " + round);
      assertEquals(UserCommand.ERASED, matches.reply().getError().getMessage());
      var beat = kit.<org.apache.pekko.pattern.StatusReply<io.limbic.protocol.user.HeartbeatAck>>runCommand(
          r -> new UserCommand.RecordHeartbeat(Instant.now(), "s1", r));
      assertTrue(beat.reply().isError());
      assertTrue(beat.events().isEmpty());
      assertTrue(kit.<org.apache.pekko.pattern.StatusReply<org.apache.pekko.Done>>runCommand(UserCommand.Erase::new)
          .reply().isSuccess());
      kit.restart();
    }
  }
}
