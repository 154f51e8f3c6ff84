package io.limbic.cluster.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.limbic.analytics.activity.HeartbeatPolicy;
import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.IdleRuntime;
import io.limbic.cluster.idle.IdleSettings;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.ProductEventsResult.Refused;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.RecordProductEvents;
import io.limbic.protocol.user.UserEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Idempotency of product events by id over a time window, not over the last N ids; and its cap. */
class UserEventIdWindowTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "pekko.actor.serialization-bindings {\"io.limbic.protocol.CborSerializable\" = jackson-cbor}")
              .withFallback(EventSourcedBehaviorTestKit.config()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A clock that moves only when told to. */
  private static final class TestClock extends Clock {
    private Instant now = T0;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static EventSourcedBehaviorTestKit<UserCommand, UserEvent, UserState> kit(
      String entityId, Clock clock, int maxEventIds) {
    UserSettings settings =
        new UserSettings(
            new HeartbeatPolicy(Duration.ofMinutes(5), Duration.ofSeconds(60)), 100, Duration.ofSeconds(5),
            Duration.ofHours(24), maxEventIds);
    IdleSettings idle =
        new IdleSettings(IdleSchedule.parse("10m,30m,60m"), 1, 10, Duration.ofSeconds(5), Duration.ofSeconds(30), 10,
            "unused");
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    IdleRuntime runtime =
        new IdleRuntime(idle, governor.ref(), input -> () -> null, id -> testKit.system().ignoreRef());
    return EventSourcedBehaviorTestKit.create(
        testKit.system(), User.create(entityId, settings, runtime, clock),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
  }

  /** {@code count} purchases of 1 EUR with ids {@code prefix-0 ..}. */
  private static List<ProductEvent> purchases(String prefix, int count) {
    List<ProductEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) events.add(new ProductEvent(prefix + "-" + i, "purchase", BigDecimal.ONE, "EUR", T0));
    return events;
  }

  private static CommandResultWithReply<UserCommand, UserEvent, UserState, StatusReply<ProductEventsResult>> send(
      EventSourcedBehaviorTestKit<UserCommand, UserEvent, UserState> kit, List<ProductEvent> events) {
    return kit.runCommand(replyTo -> new RecordProductEvents(events, replyTo));
  }

  private static BigDecimal euros(UserState state) {
    return state.lifetimeValue().getOrDefault("EUR", BigDecimal.ZERO);
  }

  @Test
  void aRetryWithinTheWindowIsRecognisedHoweverManyEventsCameBetween() {
    TestClock clock = new TestClock();
    var kit = kit("acme/many", clock, 100_000);
    for (int batch = 0; batch < 5; batch++) {
      var result = send(kit, purchases("b" + batch, 1000));
      assertEquals(new ProductEventsResult(1000, 0), result.reply().getValue());
      assertEquals(1, result.events().size(), "one journal row per command");
      clock.advance(Duration.ofHours(1));
    }
    // 4,000 newer ids since the first batch (the old rule forgot all but the last 1,000), and 20 h later.
    clock.advance(Duration.ofHours(15));
    var retry = send(kit, purchases("b0", 1000));
    assertEquals(new ProductEventsResult(0, 1000), retry.reply().getValue());
    assertTrue(retry.hasNoEvents());
    assertEquals(0, new BigDecimal(5000).compareTo(euros(retry.state())));

    // The window survives a restart (replay of the one-row-per-command events).
    kit.restart();
    assertEquals(new ProductEventsResult(0, 1000), send(kit, purchases("b4", 1000)).reply().getValue());

    // Once out of the window (and pruned by a later recording) an id is forgotten: memory stays bounded.
    clock.advance(Duration.ofHours(5));
    var later = send(kit, purchases("late", 1));
    assertEquals(4001, later.state().eventIds().size());
    assertEquals(new ProductEventsResult(1000, 0), send(kit, purchases("b0", 1000)).reply().getValue());
  }

  @Test
  void beyondTheCapNewEventsAreRefusedAndNoIdInTheWindowIsForgotten() {
    var kit = kit("acme/capped", new TestClock(), 1500);
    send(kit, purchases("first", 1000));
    var over = send(kit, purchases("second", 1000));
    ProductEventsResult result = over.reply().getValue();
    assertEquals(500, result.recorded());
    assertEquals(500, result.refused().size());
    assertEquals(new Refused(500, ProductEventsResult.ID_WINDOW_FULL), result.refused().get(0));
    assertEquals(0, new BigDecimal(1500).compareTo(euros(over.state())));

    // The ids recorded earlier are all still recognised; the refused ones changed nothing.
    assertEquals(new ProductEventsResult(0, 1000), send(kit, purchases("first", 1000)).reply().getValue());
    var refusedAgain = send(kit, purchases("second", 1000).subList(500, 1000));
    assertEquals(500, refusedAgain.reply().getValue().refused().size());
    assertTrue(refusedAgain.hasNoEvents());
    assertEquals(0, new BigDecimal(1500).compareTo(euros(refusedAgain.state())));
  }
}
