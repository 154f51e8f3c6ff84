package io.limbic.cluster.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.projections.escalation.ChannelSender;
import io.limbic.projections.escalation.ContactChannel;
import io.limbic.projections.escalation.EscalationNotice;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.escalation.IncidentCommand.OpenResult;
import io.limbic.protocol.escalation.IncidentCommand.Opening;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's latency goal, first contact: the incident sends its first notice together with the journal write of the
 * opening, not after it (under load that write waits behind every session's). Shown with a journal that fails the
 * write: the notice has gone out all the same, once, with the key the safety net's retry of the same emotion would
 * use.
 */
class IncidentFirstNoticeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ActorTestKit testKit = ActorTestKit.create(
      ConfigFactory.parseString(
              "pekko.actor.serialization-bindings {\"io.limbic.protocol.CborSerializable\" = jackson-cbor}\n"
                  + "limbic.escalation-dispatcher { type = Dispatcher, executor = \"fork-join-executor\" }")
          .withFallback(EventSourcedBehaviorTestKit.config()));
  private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
  private static final AckLinks LINKS =
      new AckLinks("secret".getBytes(StandardCharsets.UTF_8), Duration.ofHours(24), () -> "https://limbic.example");

  /** Records every notice and accepts it. */
  static final class RecordingSender implements ChannelSender {
    final List<EscalationNotice> sent = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Delivered> send(ContactChannel channel, EscalationNotice notice) {
      sent.add(notice);
      return CompletableFuture.completedFuture(new Delivered("webhook", "ok"));
    }
  }

  @BeforeEach
  void clean() {
    journal.clearAll();
    journal.resetPolicy();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theFirstNoticeDoesNotWaitForTheJournal() throws Exception {
    RecordingSender sender = new RecordingSender();
    ActorRef<IncidentCommand> incident =
        testKit.spawn(Incident.create("acme/vip-1", sender, LINKS, Clock.systemUTC()));
    TestProbe<StatusReply<OpenResult>> probe = testKit.createTestProbe();
    journal.failNextPersisted();

    incident.tell(new IncidentCommand.Open(opening("Session|acme/s1:7"), probe.ref()));

    Eventually.within(WAIT, () -> assertEquals(1, sender.sent.size(), "the first contact was not notified"));
    EscalationNotice notice = sender.sent.get(0);
    assertEquals("Session|acme/s1:7:0", notice.idempotencyKey());
    assertEquals("Ann", notice.contact());
    assertEquals("vip-1", notice.userId());
    journal.expectNothingPersisted("Incident|acme/vip-1");
  }

  @Test
  void withAWorkingJournalTheFirstContactIsNotifiedOnceAndTheDeliveryRecorded() throws Exception {
    RecordingSender sender = new RecordingSender();
    ActorRef<IncidentCommand> incident =
        testKit.spawn(Incident.create("acme/vip-2", sender, LINKS, Clock.systemUTC()));
    TestProbe<StatusReply<OpenResult>> probe = testKit.createTestProbe();

    incident.tell(new IncidentCommand.Open(opening("Session|acme/s2:3"), probe.ref()));

    StatusReply<OpenResult> reply = probe.receiveMessage(WAIT);
    assertTrue(reply.isSuccess() && reply.getValue().opened(), reply.toString());
    Eventually.within(WAIT, () -> assertFalse(journal.persistedInStorage("Incident|acme/vip-2").stream()
        .noneMatch(e -> e instanceof io.limbic.protocol.escalation.IncidentEvent.NoticeDelivered), "delivery"));
    assertEquals(1, sender.sent.size());
    assertEquals("Session|acme/s2:3:0", sender.sent.get(0).idempotencyKey());
  }

  private static Opening opening(String emotionId) {
    EscalationPolicy policy = new EscalationPolicy(EscalationPolicy.Trigger.DEFAULT, Duration.ofMinutes(30),
        Duration.ofHours(1), List.of(new EscalationPolicy.Contact("Ann",
            List.of(new EscalationPolicy.Channel("webhook", "https://hooks.example/ann", null, null)))));
    return new Opening(emotionId, "s1", "Acme", new BigDecimal("100000"), "USD", "rage", 0.95, "/pricing", null,
        "5 clicks in 1.2 s", Instant.now(), "hot-path", policy);
  }
}
