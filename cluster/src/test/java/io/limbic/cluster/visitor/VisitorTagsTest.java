package io.limbic.cluster.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.limbic.cluster.testkit.TaggedEvents;
import io.limbic.protocol.Tags;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import io.limbic.protocol.visitor.VisitorCommand;
import io.limbic.protocol.visitor.VisitorEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A visitor's events are on its one tag of the fixed scheme, like a user's, so forensics and agents can read them. */
class VisitorTagsTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "pekko.actor.serialization-bindings {\"io.limbic.protocol.CborSerializable\" = jackson-cbor}")
              .withFallback(EventSourcedBehaviorTestKit.config()));

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void heldEventsAreTaggedWithTheVisitorsTag() {
    String entityId = new TenantScopedId("acme", "anon-7").entityId();
    VisitorSettings settings =
        new VisitorSettings(100, 10, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10));
    var kit = EventSourcedBehaviorTestKit.<VisitorCommand, VisitorEvent, Visitor.State>create(
        testKit.system(), Visitor.create(entityId, settings));
    ProductEvent purchase =
        new ProductEvent("e1", "purchase", new BigDecimal("9.99"), "EUR", Instant.parse("2026-11-21T10:00:00Z"));
    kit.<StatusReply<ProductEventsResult>>runCommand(r -> new VisitorCommand.RecordProductEvents(List.of(purchase), r));

    List<Object> tagged = TaggedEvents.of(testKit.system(), Tags.forEntity(VisitorCommand.ENTITY_TYPE.name(), entityId));
    assertEquals(1, tagged.size());
    assertEquals(List.of(purchase), assertInstanceOf(VisitorEvent.EventsHeld.class, tagged.get(0)).events());
  }
}
