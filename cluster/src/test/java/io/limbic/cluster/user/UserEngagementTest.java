package io.limbic.cluster.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.limbic.analytics.activity.HeartbeatPolicy;
import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.IdleRuntime;
import io.limbic.cluster.idle.IdleSettings;
import io.limbic.protocol.user.Engagement;
import io.limbic.protocol.user.EngagementReason;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.AssessEngagement;
import io.limbic.protocol.user.UserCommand.GetUser;
import io.limbic.protocol.user.UserCommand.RecordEmotion;
import io.limbic.protocol.user.UserCommand.RecordHeartbeat;
import io.limbic.protocol.user.UserCommand.RecordProductEvents;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.UserAtRisk;
import io.limbic.protocol.user.UserEvent.UserEngaged;
import io.limbic.protocol.user.UserView;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import io.limbic.protocol.user.HeartbeatAck;
import io.limbic.protocol.user.ProductEventsResult;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserEngagementTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final String PID = "User|acme/u1";
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "pekko.actor.serialization-bindings {\"io.limbic.protocol.CborSerializable\" = jackson-cbor}")
              .withFallback(EventSourcedBehaviorTestKit.config()));

  private EventSourcedBehaviorTestKit<UserCommand, UserEvent, UserState> kit;

  @BeforeEach
  void setUp() {
    UserSettings settings = new UserSettings(
        new HeartbeatPolicy(Duration.ofMinutes(5), Duration.ofSeconds(60)), 100, Duration.ofSeconds(5),
        Duration.ofHours(24), 100_000);
    // Serialization checks on: every command, event, reply and the state go through jackson-cbor.
    kit = EventSourcedBehaviorTestKit.create(
        testKit.system(),
        User.create("acme/u1", settings, idleRuntime(), Clock.fixed(T0, ZoneOffset.UTC)),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
  }

  /** Idle phases that never run here: the governor is a probe that nobody answers. */
  private static IdleRuntime idleRuntime() {
    IdleSettings idle = new IdleSettings(
        IdleSchedule.parse("10m,30m,60m"), 1, 10, Duration.ofSeconds(5), Duration.ofSeconds(30), 10, "unused");
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    return new IdleRuntime(idle, governor.ref(), input -> () -> null, id -> testKit.system().ignoreRef());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private void beat() {
    kit.<StatusReply<HeartbeatAck>>runCommand(replyTo -> new RecordHeartbeat(T0, "s1", replyTo));
  }

  private void products(String type, int n) {
    List<ProductEvent> events = IntStream.range(0, n)
        .mapToObj(i -> new ProductEvent(type + "-" + i, type, BigDecimal.TEN, "EUR", T0))
        .toList();
    kit.<StatusReply<ProductEventsResult>>runCommand(replyTo -> new RecordProductEvents(events, replyTo));
  }

  private List<UserEvent> assess(String cause) {
    var result = kit.<StatusReply<Done>>runCommand(
        replyTo -> new AssessEngagement(cause, replyTo));
    assertTrue(result.reply().isSuccess());
    return result.events();
  }

  private Engagement engagement() {
    return kit.<StatusReply<UserView>>runCommand(GetUser::new)
        .reply().getValue().engagement();
  }

  @Test
  void aChurnMakesTheUserAtRiskOnceWithItsScoreReasonsDataAndCause() {
    beat();
    products("churn", 1);
    List<UserEvent> events = assess(PID + ":2");
    assertEquals(1, events.size());
    UserAtRisk atRisk = assertInstanceOf(UserAtRisk.class, events.get(0));
    assertEquals(PID + ":2", atRisk.cause());
    assertEquals(T0, atRisk.at());
    assertTrue(atRisk.score() >= 0.7, "score " + atRisk.score());
    assertEquals(1, atRisk.data().losses());
    assertEquals(1, atRisk.data().activePeriods());
    assertEquals(T0, atRisk.data().lastActiveAt());
    double logOdds = atRisk.reasons().stream().mapToDouble(EngagementReason::contribution).sum();
    assertEquals(atRisk.score(), 1 / (1 + Math.exp(-logOdds)), 1e-12);
    EngagementReason losses =
        atRisk.reasons().stream().filter(r -> r.factor().equals("losses")).findFirst().orElseThrow();
    assertTrue(losses.contribution() > 0);

    Engagement shown = engagement();
    assertEquals(Engagement.AT_RISK, shown.state());
    assertEquals(T0, shown.since());
    assertEquals(atRisk.score(), shown.score());
    assertEquals(atRisk.reasons(), shown.reasons());
  }

  @Test
  void aRepeatedCauseAndAnOlderOneOfTheUsersOwnAreIgnored() {
    beat();
    products("churn", 1);
    assertEquals(1, assess(PID + ":2").size());
    assertTrue(assess(PID + ":2").isEmpty());
    assertTrue(assess(PID + ":1").isEmpty());
    // Even when the score would now change the level: the repeat is a redelivery, not news.
    products("purchase", 8);
    assertTrue(assess(PID + ":2").isEmpty());
    assertEquals(Engagement.AT_RISK, engagement().state());
  }

  @Test
  void aLevelThatHoldsPersistsNothingAndCrossingTheOtherThresholdPersistsTheChange() {
    beat();
    products("churn", 1);
    assertEquals(1, assess(PID + ":2").size());
    products("churn", 2); // ids churn-0 (a retry) and churn-1 (new): still at risk
    assertTrue(assess(PID + ":4").isEmpty());
    products("purchase", 12);
    kit.<StatusReply<Done>>runCommand(replyTo -> new RecordEmotion("s1", "calm", "calm", 0.9, T0, replyTo));
    List<UserEvent> events = assess(PID + ":6");
    UserEngaged engaged = assertInstanceOf(UserEngaged.class, events.get(0));
    assertTrue(engaged.score() <= 0.35, "score " + engaged.score());
    assertEquals(12, engaged.data().wins());
    assertEquals(1, engaged.data().contentments());
    assertEquals(Engagement.ENGAGED, engagement().state());
    assertEquals(PID + ":6", kit.getState().engagement().cause());
  }

  @Test
  void aNewUserBetweenTheThresholdsStaysUnassessed() {
    beat();
    assertTrue(assess(PID + ":1").isEmpty());
    assertNull(engagement());
  }

  @Test
  void anUnknownUserIsAcknowledgedAndNothingIsCreated() {
    assertTrue(assess("User|acme/u1:1").isEmpty());
    assertTrue(!kit.getState().isKnown());
  }

  @Test
  void aCauseFromElsewhereIsDroppedWhenRepeatedExactly() {
    beat();
    products("refund", 2);
    assertEquals(1, assess("Session|acme/s1:7").size());
    assertTrue(assess("Session|acme/s1:7").isEmpty());
  }

  @Test
  void theEngagementLevelAndItsFactsSurviveARestart() {
    beat();
    products("churn", 1);
    assess(PID + ":2");
    UserState before = kit.getState();
    var restarted = kit.restart();
    assertEquals(before.engagement(), restarted.state().engagement());
    assertEquals(before.engagementFacts(), restarted.state().engagementFacts());
  }
}
