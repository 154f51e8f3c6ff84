package io.limbic.cluster.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.cluster.testkit.TaggedEvents;
import io.limbic.protocol.Tags;
import io.limbic.protocol.tenant.NotificationChannel;
import io.limbic.protocol.tenant.NotificationChannels;
import io.limbic.protocol.tenant.StoredSignalThresholds;
import io.limbic.protocol.tenant.TenantCommand;
import io.limbic.protocol.tenant.TenantEvent;
import io.limbic.protocol.tenant.TenantEvent.SignalThresholdsSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "pekko.actor.serialization-bindings {\"io.limbic.protocol.CborSerializable\" = jackson-cbor}")
              .withFallback(EventSourcedBehaviorTestKit.config()));
  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private static final StoredSignalThresholds SIX_CLICKS = SignalThresholdsJson.stored(
      SignalThresholds.defaults().withRage(6, 1000, 42.5).withIgnoredTargets(Set.of("#ad*", "#chat")));

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static EventSourcedBehaviorTestKit<TenantCommand, TenantEvent, TenantSettings.State> kit() {
    return EventSourcedBehaviorTestKit.create(
        testKit.system(), TenantSettings.create("acme", Clock.fixed(AT, ZoneOffset.UTC)));
  }

  @Test
  void aTenantThatSetNothingGetsTheDefaults() {
    var result = kit().<StatusReply<StoredSignalThresholds>>runCommand(TenantCommand.GetSignalThresholds::new);
    assertEquals(SignalThresholdsJson.defaults(), result.reply().getValue());
  }

  @Test
  void thresholdsAreTypedInTheEventAndTheStateAndSurviveARestart() {
    var kit = kit();
    var set = kit.<StatusReply<StoredSignalThresholds>>runCommand(
        r -> new TenantCommand.SetSignalThresholds(SIX_CLICKS, r));
    assertEquals(new SignalThresholdsSet("acme", AT, SIX_CLICKS), set.event());
    assertEquals(SIX_CLICKS, set.reply().getValue());
    kit.restart();
    assertEquals(SIX_CLICKS, kit.getState().signalThresholds());
  }

  /** Agents and read models follow a tenant's settings by tag: each event carries the tenant's one tag. */
  @Test
  void eventsAreTaggedWithTheTenantsTag() {
    var kit = EventSourcedBehaviorTestKit.<TenantCommand, TenantEvent, TenantSettings.State>create(
        testKit.system(), TenantSettings.create("tagged", Clock.fixed(AT, ZoneOffset.UTC)));
    kit.<StatusReply<StoredSignalThresholds>>runCommand(r -> new TenantCommand.SetSignalThresholds(SIX_CLICKS, r));
    String tag = Tags.forEntity(TenantCommand.ENTITY_TYPE.name(), "tagged");
    assertEquals(List.of(new SignalThresholdsSet("tagged", AT, SIX_CLICKS)), TaggedEvents.of(testKit.system(), tag));
  }

  /** An event the Map-based version wrote (bytes captured from that code) replays as the typed event. */
  @Test
  void anEventJournaledAsAMapReadsAsTheTypedEvent() throws Exception {
    Serialization serialization = SerializationExtension.get(testKit.system());
    Object replayed = serialization.deserialize(
        oldBytes(), 33, "io.limbic.protocol.tenant.TenantEvent$SignalThresholdsSet").get();
    SignalThresholdsSet event = assertInstanceOf(SignalThresholdsSet.class, replayed);
    // Written before the rage prior existed: it reads as absent (the default applies), everything else unchanged.
    assertNull(event.thresholds().ragePrior());
    assertEquals(new SignalThresholdsSet("acme", AT, withoutPrior(SIX_CLICKS)), event);
    assertEquals(List.of("#ad*", "#chat"), event.thresholds().ignoredTargets());
    assertEquals(
        SignalThresholds.defaults().withRage(6, 1000, 42.5).withIgnoredTargets(Set.of("#ad*", "#chat")),
        SignalThresholdsJson.of(event.thresholds()));
  }

  private static byte[] oldBytes() throws Exception {
    Path file = Path.of(Objects.requireNonNull(
        TenantSettingsTest.class.getResource("/journal/TenantEvent.SignalThresholdsSet-map-v1.hex")).toURI());
    String hex = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.startsWith("#")).reduce("", String::concat).strip();
    return HexFormat.of().parseHex(hex);
  }

  private static StoredSignalThresholds withoutPrior(StoredSignalThresholds t) {
    return new StoredSignalThresholds(t.rageMinClicks(), t.rageMaxGapMs(), t.rageMaxRadiusPx(), t.deadClickWindowMs(),
        t.errorClickWindowMs(), t.thrashMinReversals(), t.thrashWindowMs(), t.thrashMinTravelPx(), t.scrollWindowMs(),
        t.scrollMinReversals(), t.scrollMinDistancePx(), t.scrollBaselineFactor(), t.quickBackWindowMs(),
        t.selectionMinDragPx(), t.ignoredTargets(), null);
  }

  /**
   * The channels' answer crosses nodes when the tenant's entity lives on another one: it must have a serializer
   * (a bare List fell to the disabled Java serialization, so a PUT on the other node timed out: CrossNodeTracingIT).
   */
  @Test
  void theChannelsAnswerSurvivesSerialization() {
    var kit = kit();
    NotificationChannel hook = new NotificationChannel(NotificationChannel.Type.WEBHOOK, "https://example.com/h");
    var set = kit.<StatusReply<NotificationChannels>>runCommand(
        replyTo -> new TenantCommand.SetNotificationChannels(List.of(hook), replyTo));
    var get = kit.<StatusReply<NotificationChannels>>runCommand(TenantCommand.GetNotificationChannels::new);
    Serialization serialization = SerializationExtension.get(testKit.system());
    for (StatusReply<NotificationChannels> reply : List.of(set.reply(), get.reply())) {
      byte[] bytes = serialization.serialize(reply).get();
      var serializer = serialization.findSerializerFor(reply);
      Object back = serialization.deserialize(bytes, serializer.identifier(),
          org.apache.pekko.serialization.Serializers.manifestFor(serializer, reply)).get();
      assertEquals(List.of(hook), ((StatusReply<?>) back).getValue() instanceof NotificationChannels c
          ? c.channels() : null);
    }
  }
}
