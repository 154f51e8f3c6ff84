package io.limbic.cluster.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.evaluation.TraceGenerator;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.trace.TracedEvent;
import io.limbic.protocol.session.SessionEvent.EmotionDelivered;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import io.limbic.protocol.session.IngestResult;
import io.limbic.protocol.session.Sample;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.tenant.TenantCommand;
import io.limbic.protocol.user.UserCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A session's emotions reach a user's entity that does not answer at first: they are sent again with the same id
 * until acknowledged, also when the session passivates meanwhile. The stand-in user records each id once and
 * drops its answers while told to (the real {@code User} does the same deduplication: UserTest).
 */
class EmotionDeliveryTest {
  private static ActorTestKit testKit;
  private static final AtomicInteger answersToDrop = new AtomicInteger();
  private static final List<String> received = new CopyOnWriteArrayList<>();
  private static final Map<String, Boolean> recorded = new ConcurrentHashMap<>();
  // Every incarnation of a session asks its tenant for thresholds first.
  private static final AtomicInteger incarnations = new AtomicInteger();

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            ConfigFactory.parseString(
                    """
                    pekko.actor.provider = cluster
                    pekko.remote.artery.canonical.hostname = 127.0.0.1
                    pekko.remote.artery.canonical.port = 0
                    pekko.actor.serialization-bindings {"io.limbic.protocol.CborSerializable" = jackson-cbor}
                    limbic.session.push-topic-idle = 2m
                    # Sessions passivate as soon as nobody sends to them for a moment (retries do not count).
                    pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout = 2s
                    # A region still buffering a message for a stopped entity waits out this phase on shutdown;
                    # Pekko's 10 s is the test kit's whole stop limit (a flaky "Failed to stop within 10 seconds").
                    pekko.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = 3s
                    """)
                .withFallback(PersistenceTestKitPlugin.getInstance().config())
                .withFallback(PersistenceTestKitSnapshotPlugin.config()));
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    ClusterSharding sharding = ClusterSharding.get(testKit.system());
    sharding.init(Entity.of(TenantCommand.ENTITY_TYPE, ctx -> tenantWithoutThresholds()));
    sharding.init(Entity.of(UserCommand.ENTITY_TYPE, ctx -> forgetfulUser()));
    var settings =
        new SessionEntitySettings(
            Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(300),
            Duration.ofMillis(100), Duration.ofMillis(400));
    Session.init(testKit.system(), settings);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Behavior<TenantCommand> tenantWithoutThresholds() {
    return Behaviors.receiveMessage(msg -> {
      if (msg instanceof TenantCommand.GetSignalThresholds get) {
        incarnations.incrementAndGet();
        get.replyTo().tell(StatusReply.error("none"));
      }
      return Behaviors.same();
    });
  }

  /** Records an emotion id once; answers only when no answers are to be dropped. */
  private static Behavior<UserCommand> forgetfulUser() {
    return Behaviors.receiveMessage(msg -> {
      // The session links its first user through the user's entity before it takes telemetry for them.
      if (msg instanceof UserCommand.Identify link) link.replyTo().tell(StatusReply.ack());
      if (msg instanceof UserCommand.RecordEmotion e) {
        received.add(e.emotionId());
        recorded.putIfAbsent(e.emotionId(), true);
        if (answersToDrop.getAndUpdate(n -> Math.max(0, n - 1)) == 0) e.replyTo().tell(StatusReply.ack());
      }
      return Behaviors.same();
    });
  }

  private static EntityRef<SessionCommand> session(String id) {
    return ClusterSharding.get(testKit.system()).entityRefFor(SessionCommand.ENTITY_TYPE, "acme/" + id);
  }

  /** A rage trace of the classifier's own generator, in one-second batches, for user u1. */
  private static void rage(EntityRef<SessionCommand> session) throws Exception {
    List<TelemetrySample> samples = new TraceGenerator(7).generate(EmotionalState.RAGE).samples();
    List<Sample> batch = new ArrayList<>();
    long start = samples.get(0).t();
    for (TelemetrySample s : samples) {
      if (s.t() - start >= 1000 && !batch.isEmpty()) {
        ingest(session, batch);
        batch = new ArrayList<>();
        start = s.t();
      }
      batch.add(new Sample(s.t(), s.type().wireName(), s.x(), s.y(), s.button(), s.target(), s.section(),
          s.scrollY(), s.url()));
    }
    ingest(session, batch);
  }

  private static void ingest(EntityRef<SessionCommand> session, List<Sample> batch) throws Exception {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) indices.add(i);
    List<Sample> copy = List.copyOf(batch);
    Eventually.value(Duration.ofSeconds(20), () -> session
        .<IngestResult>askWithStatus(r -> new SessionCommand.IngestTelemetry("u1", copy, indices, r),
            Duration.ofSeconds(3))
        .toCompletableFuture().get());
  }

  private static List<String> emotionIdsOf(String sessionId) {
    return received.stream().filter(id -> id.contains("/" + sessionId + ":")).toList();
  }

  @Test
  void anEmotionTheUserDidNotAcknowledgeIsSentAgainWithTheSameIdUntilItIs() throws Exception {
    answersToDrop.set(2);
    rage(session("s1"));
    // The first emotion goes three times (two answers dropped), under one id, and is recorded once.
    Eventually.within(Duration.ofSeconds(20), () -> {
      List<String> sent = emotionIdsOf("s1");
      String first = sent.get(0);
      assertTrue(sent.stream().filter(first::equals).count() >= 3, sent.toString());
      assertEquals(1, recorded.keySet().stream().filter(first::equals).count());
      assertAllDelivered("s1");
    });
  }

  @Test
  void aSessionThatPassivatesWithUndeliveredEmotionsStillDeliversThem() throws Exception {
    answersToDrop.set(1_000_000);
    rage(session("s2"));
    Eventually.within(Duration.ofSeconds(20), () -> assertTrue(!emotionIdsOf("s2").isEmpty()));
    int started = incarnations.get();
    // Nobody sends to the session again: it passivates, and its wake-up starts a new incarnation.
    Eventually.within(Duration.ofSeconds(30), () -> assertTrue(incarnations.get() > started));
    answersToDrop.set(0);
    Eventually.within(Duration.ofSeconds(20), () -> assertAllDelivered("s2"));
  }

  /** Every emotion the session's journal holds was acknowledged, and the user recorded each once. */
  private static void assertAllDelivered(String sessionId) {
    List<Object> journal =
        PersistenceTestKit.create(testKit.system()).persistedInStorage("Session|acme/" + sessionId);
    List<Object> events = journal.stream().map(EmotionDeliveryTest::event).toList();
    long detected = events.stream().filter(e -> e instanceof EmotionDetected).count();
    long delivered = events.stream().filter(e -> e instanceof EmotionDelivered).count();
    assertTrue(detected > 0);
    assertEquals(detected, delivered);
    assertEquals(detected, recorded.keySet().stream().filter(id -> id.contains("/" + sessionId + ":")).count());
  }

  private static Object event(Object stored) {
    return stored instanceof TracedEvent traced ? traced.event() : stored;
  }
}
