package io.limbic.cluster.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.limbic.analytics.session.signal.SignalThresholds;
import io.limbic.cluster.tenant.SignalThresholdsJson;
import io.limbic.cluster.tenant.TenantSettings;
import io.limbic.cluster.tenant.TenantThresholdsReplica;
import io.limbic.cluster.testkit.Eventually;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.session.SessionThresholds;
import io.limbic.protocol.session.SessionView;
import io.limbic.protocol.tenant.StoredSignalThresholds;
import io.limbic.protocol.tenant.TenantCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a session's thresholds come from: the replica when the tenant's entity has published (no ask), the entity
 * when it has not, and the defaults, said so in the view, when the entity cannot answer. Tenant {@code mute}'s
 * settings entity never answers; every other tenant has the real one, which publishes to the replica.
 */
class SessionThresholdsTest {
  private static ActorTestKit testKit;
  private static final AtomicInteger asks = new AtomicInteger();

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(
        ConfigFactory.parseString(
                """
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.actor.serialization-bindings {"io.limbic.protocol.CborSerializable" = jackson-cbor}
                limbic.session.push-topic-idle = 2m
                """)
            .withFallback(PersistenceTestKitPlugin.getInstance().config())
            .withFallback(PersistenceTestKitSnapshotPlugin.config()));
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TenantThresholdsReplica replica = TenantThresholdsReplica.get(testKit.system());
    ClusterSharding.get(testKit.system()).init(Entity.of(TenantCommand.ENTITY_TYPE, ctx ->
        ctx.getEntityId().equals("mute") ? silentTenant()
            : counted(TenantSettings.create(ctx.getEntityId(), Clock.systemUTC(), replica))));
    Session.init(testKit.system(), new SessionEntitySettings(
        Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(300),
        Duration.ofMillis(100), Duration.ofMillis(400)));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Behavior<TenantCommand> silentTenant() {
    return Behaviors.receiveMessage(msg -> Behaviors.same());
  }

  /** Counts the thresholds asks a tenant's entity gets, then lets the real entity answer. */
  private static Behavior<TenantCommand> counted(Behavior<TenantCommand> real) {
    return Behaviors.intercept(() -> new org.apache.pekko.actor.typed.BehaviorInterceptor<TenantCommand, TenantCommand>(
        TenantCommand.class) {
      @Override
      public Behavior<TenantCommand> aroundReceive(
          org.apache.pekko.actor.typed.TypedActorContext<TenantCommand> ctx, TenantCommand msg,
          ReceiveTarget<TenantCommand> target) {
        if (msg instanceof TenantCommand.GetSignalThresholds) asks.incrementAndGet();
        return target.apply(ctx, msg);
      }
    }, real);
  }

  private static SessionView view(String entityId) throws Exception {
    return ClusterSharding.get(testKit.system()).entityRefFor(SessionCommand.ENTITY_TYPE, entityId)
        .<SessionView>askWithStatus(SessionCommand.GetSession::new, Duration.ofSeconds(5))
        .toCompletableFuture().get();
  }

  @Test
  void aTenantWhoseEntityCannotAnswerRunsOnDefaultsAndSaysSo() throws Exception {
    SessionView view = view("mute/s1");
    assertEquals(SessionThresholds.unconfirmed(), view.thresholds());
    assertEquals(SessionThresholds.DEFAULTS_UNCONFIRMED, view.thresholds().source());
  }

  @Test
  void aPublishedTenantStartsItsSessionsFromTheReplicaWithoutAsking() throws Exception {
    StoredSignalThresholds six = SignalThresholdsJson.stored(SignalThresholds.defaults().withRage(6, SignalThresholds.defaults().rageMaxGapMs(), SignalThresholds.defaults().rageMaxRadiusPx()));
    ClusterSharding.get(testKit.system()).entityRefFor(TenantCommand.ENTITY_TYPE, "acme")
        .<StoredSignalThresholds>askWithStatus(r -> new TenantCommand.SetSignalThresholds(six, r), Duration.ofSeconds(5))
        .toCompletableFuture().get();
    TenantThresholdsReplica replica = TenantThresholdsReplica.get(testKit.system());
    Eventually.within(Duration.ofSeconds(10), () -> assertEquals(six, replica.find("acme").orElseThrow()));
    int before = asks.get();
    for (int i = 0; i < 3; i++) assertEquals(SessionThresholds.fromReplica(), view("acme/r" + i).thresholds());
    assertEquals(before, asks.get());
  }

  @Test
  void aTenantTheReplicaDoesNotKnowIsAskedAndPublishesOnRecovery() throws Exception {
    assertEquals(SessionThresholds.fromEntity(), view("fresh/s1").thresholds());
    TenantThresholdsReplica replica = TenantThresholdsReplica.get(testKit.system());
    // The entity recovered with nothing set: it published the defaults, so the next session asks nobody.
    Eventually.within(Duration.ofSeconds(10),
        () -> assertEquals(SignalThresholdsJson.defaults(), replica.find("fresh").orElseThrow()));
    assertEquals(SessionThresholds.fromReplica(), view("fresh/s2").thresholds());
  }
}
