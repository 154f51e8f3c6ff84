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
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.PhaseResult;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.RecordProductEvents;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import io.limbic.protocol.user.UserEvent.InteractionRecorded;
import io.limbic.protocol.user.UserEvent.InterventionDecided;
import io.limbic.protocol.user.UserEvent.MatchActionRecorded;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every collection a user entity keeps has a cap (README "Memory per entity"): however many events arrive, the state
 * (and so the snapshot and the heap) holds at most that many of each.
 */
class UserBoundsTest {
  private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "pekko.actor.serialization-bindings {\"io.limbic.protocol.CborSerializable\" = jackson-cbor}")
              .withFallback(EventSourcedBehaviorTestKit.config()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static IdleRuntime idleRuntime(TestProbe<GovernorCommand> governor) {
    IdleSettings settings = new IdleSettings(
        IdleSchedule.parse("10m,30m,60m"), 1, 10, Duration.ofSeconds(5), Duration.ofSeconds(30), 10, "unused");
    return new IdleRuntime(settings, governor.ref(), input -> () -> null, id -> testKit.system().ignoreRef());
  }

  /** AAA, AAB, ...: distinct ISO-shaped currency codes. */
  private static String currency(int n) {
    return "" + (char) ('A' + n / 676) + (char) ('A' + n / 26 % 26) + (char) ('A' + n % 26);
  }

  private static ProductEvent purchase(String id, String currency) {
    return new ProductEvent(id, "purchase", BigDecimal.TEN, currency, T0);
  }

  @Test
  void aValueInOneCurrencyMoreThanTheCapIsRefusedAndChangesNothing() {
    UserSettings settings = new UserSettings(new HeartbeatPolicy(Duration.ofMinutes(5), Duration.ofSeconds(60)),
        100, Duration.ofSeconds(5), Duration.ofHours(24), 100_000);
    var kit = EventSourcedBehaviorTestKit.<UserCommand, UserEvent, UserState>create(
        testKit.system(), User.create("acme/rich", settings, idleRuntime(testKit.createTestProbe())));
    List<ProductEvent> first = new ArrayList<>();
    for (int i = 0; i < UserState.MAX_CURRENCIES - 1; i++) first.add(purchase("e" + i, currency(i)));
    var accepted = kit.<StatusReply<ProductEventsResult>>runCommand(r -> new RecordProductEvents(first, null, r));
    assertEquals(UserState.MAX_CURRENCIES - 1, accepted.reply().getValue().recorded());

    // One batch: the last currency with room, one more (refused), a held one, and an event without a value.
    List<ProductEvent> next = List.of(purchase("x1", currency(100)), purchase("x2", currency(101)),
        purchase("x3", currency(0)), new ProductEvent("x4", "signup", null, null, T0));
    var result = kit.<StatusReply<ProductEventsResult>>runCommand(r -> new RecordProductEvents(next, null, r));
    ProductEventsResult r = result.reply().getValue();
    assertEquals(3, r.recorded());
    assertEquals(List.of(new ProductEventsResult.Refused(1, ProductEventsResult.CURRENCY_LIMIT)), r.refused());
    Map<String, BigDecimal> value = result.state().lifetimeValue();
    assertEquals(UserState.MAX_CURRENCIES, value.size());
    assertTrue(value.containsKey(currency(100)));
    assertEquals(new BigDecimal("20"), value.get(currency(0)));

    // A journal holding more currencies than the cap (none written since) keeps the first ones on replay.
    UserState replayed = result.state().apply(new ProductEventsRecorded(
        "acme", "rich", T0, List.of(purchase("y", currency(200))), T0.minusSeconds(1)));
    assertEquals(UserState.MAX_CURRENCIES, replayed.lifetimeValue().size());
  }

  @Test
  void interactionsFeedbackMatchesAndPhaseResultsAreCapped() {
    UserState state = UserState.empty("acme", "u1");
    for (int i = 0; i < MatchingState.REMEMBERED + 50; i++) {
      state = state.apply(new InteractionRecorded("acme", "u1", T0, new InteractionData(
          "u1", "o" + i, "view", T0, "i" + i, 0), true));
      state = state.apply(new MatchActionRecorded("acme", "u1", T0, "m" + i, "o" + i, "like"));
    }
    assertEquals(MatchingState.REMEMBERED, state.matching().interactions().size());
    assertEquals(MatchingState.REMEMBERED, state.matching().feedback().size());
    assertEquals("i" + (MatchingState.REMEMBERED + 49), state.matching().interactions().get(
        MatchingState.REMEMBERED - 1).id());

    List<DailyMatch> many = new ArrayList<>();
    for (int i = 0; i < MatchingState.MAX_DAILY_MATCHES + 20; i++) {
      many.add(new DailyMatch("m" + i, "c" + i, 1.0 / (i + 1), Map.of()));
    }
    PhaseResult result = new PhaseResult(null, null, null);
    for (int phase = 1; phase <= MatchingState.MAX_PHASE_RESULTS + 5; phase++) {
      state = state.apply(new IdlePhaseCompleted("acme", "u1", T0, T0, phase, IdleSchedule.name(phase), result,
          phase == 3 ? many : List.of(), 0));
    }
    assertEquals(MatchingState.MAX_DAILY_MATCHES, state.matching().dailyMatches().size());
    assertEquals("m0", state.matching().dailyMatches().get(0).matchId());
    assertEquals(MatchingState.MAX_PHASE_RESULTS, state.matching().phaseResults().size());
    assertTrue(state.matching().phaseResults().containsKey(IdleSchedule.name(MatchingState.MAX_PHASE_RESULTS + 5)),
        "the newest name is kept");
    assertFalse(state.matching().phaseResults().containsKey("deep"), "the least recently completed went");
  }

  @Test
  void aPhaseNamePastTheCapEvictsTheLeastRecentlyCompleted() {
    UserState state = UserState.empty("acme", "u1");
    for (int phase = 1; phase <= MatchingState.MAX_PHASE_RESULTS; phase++) state = completed(state, phase, "r" + phase);
    state = completed(state, 1, "again"); // "light" is now the most recent; "medium" the least
    state = completed(state, MatchingState.MAX_PHASE_RESULTS + 1, "new");
    Map<String, PhaseResult> results = state.matching().phaseResults();
    assertEquals(MatchingState.MAX_PHASE_RESULTS, results.size());
    assertFalse(results.containsKey(IdleSchedule.name(2)), "the least recently completed name gave way");
    assertEquals("again", results.get(IdleSchedule.name(1)).matchRun().reason(), "a name completed again stays");
    assertEquals("new", results.get(IdleSchedule.name(MatchingState.MAX_PHASE_RESULTS + 1)).matchRun().reason());
    List<String> order = new ArrayList<>(results.keySet());
    assertEquals(IdleSchedule.name(3), order.get(0), "least recently completed first");
    assertEquals(List.of(IdleSchedule.name(1), IdleSchedule.name(MatchingState.MAX_PHASE_RESULTS + 1)),
        order.subList(order.size() - 2, order.size()));
  }

  static UserState completed(UserState state, int phase, String reason) {
    PhaseResult result = new PhaseResult(null, null, new PhaseResult.MatchRun(T0, 0, 0, reason));
    return state.apply(new IdlePhaseCompleted("acme", "u1", T0, T0, phase, IdleSchedule.name(phase), result,
        List.of(), 0));
  }

  @Test
  void interventionDecisionsKeepTheNewest() {
    UserState state = UserState.empty("acme", "u1");
    for (int i = 0; i < InterventionState.KEPT + 10; i++) {
      state = state.apply(new InterventionDecided("acme", "u1", T0, "d" + i, "s1", "ctx", "v", "reason", "e" + i,
          "frustrated", 0.9, "in_page", null, null, 0, 0, T0.plusSeconds(600), "purchase", null));
    }
    assertEquals(InterventionState.KEPT, state.interventions().entries().size());
    assertEquals("d10", state.interventions().entries().get(0).decisionId());
  }

  @Test
  void haltedPhaseJobsAreRememberedUpToTheirCap() {
    TestProbe<GovernorCommand> governor = testKit.createTestProbe();
    Instant now = T0.plus(Duration.ofHours(2));
    IdlePhases phases = new IdlePhases(idleRuntime(governor), null, testKit.system().ignoreRef(),
        testKit.system().ignoreRef(), Clock.fixed(now, ZoneOffset.UTC), "acme/u1");
    UserState state = UserState.empty("acme", "u1");
    for (int i = 0; i < IdlePhases.MAX_HALTED + 30; i++) {
      phases.wake(state, T0); // phase 1 of the idle period since T0 is due: a job goes in flight
      assertTrue(phases.halt(state, T0)); // the user is back: halted, its token remembered
    }
    assertEquals(IdlePhases.MAX_HALTED, phases.haltedRemembered());
  }
}
