package io.limbic.cluster;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import io.limbic.cluster.http.ConfigRoutes;
import io.limbic.cluster.http.HeartbeatRoutes;
import io.limbic.cluster.http.HttpServer;
import io.limbic.cluster.http.HttpSettings;
import io.limbic.cluster.http.IdentityRoutes;
import io.limbic.cluster.http.ProductEventRoutes;
import io.limbic.cluster.http.SessionRoutes;
import io.limbic.cluster.http.StreamRoutes;
import io.limbic.cluster.http.UserRoutes;
import io.limbic.cluster.session.Session;
import io.limbic.cluster.session.SessionEntitySettings;
import io.limbic.cluster.tenant.TenantSettings;
import io.limbic.cluster.user.User;
import io.limbic.cluster.user.UserSettings;
import io.limbic.cluster.visitor.Visitor;
import io.limbic.projections.activity.ActivityRoutes;
import io.limbic.projections.activity.UserActivityProjection;
import io.limbic.projections.activity.UserActivityRepository;
import io.limbic.projections.db.ConnectionPools;
import io.limbic.projections.db.DatabaseSettings;
import io.limbic.projections.db.Migrations;
import io.limbic.projections.http.ApiKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Limbic node: migrates the schema, starts the actor system, the entities, the projections, management and the
 * HTTP API, and registers every resource with CoordinatedShutdown so SIGTERM stops it in order.
 */
public final class LimbicNode {
  private static final Logger log = LoggerFactory.getLogger(LimbicNode.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final Optional<String> generatedKey;
  private final DatabaseSettings database;

  private LimbicNode(
      ActorSystem<Void> system, ServerBinding binding, Optional<String> generatedKey, DatabaseSettings database) {
    this.system = system;
    this.binding = binding;
    this.generatedKey = generatedKey;
    this.database = database;
  }

  public static LimbicNode start(Config overrides) throws IOException {
    Config config = NodeConfig.load(overrides);
    DatabaseSettings database = DatabaseSettings.from(config);
    HikariDataSource readModels =
        ConnectionPools.create(database, "limbic-read-models", config.getInt("limbic.db.read-model-pool-size"));
    try {
      Migrations.migrate(readModels, database.dialect());
    } catch (RuntimeException e) {
      readModels.close();
      throw e;
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "limbic", config);
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-read-model-pool", () -> close(readModels));

    Optional<String> generatedKey = Optional.empty();
    String keySpec = config.getString("limbic.api-keys");
    if (keySpec.isBlank()) {
      generatedKey = Optional.of(ApiKeys.loadOrGenerateDefault(Path.of(config.getString("limbic.data-dir"))));
      keySpec = ApiKeys.DEFAULT_TENANT + ":" + generatedKey.get();
    }
    ApiKeys keys = ApiKeys.parse(keySpec);

    HttpSettings http = HttpSettings.from(config);
    User.init(system, UserSettings.from(config));
    Session.init(system, SessionEntitySettings.from(config));
    TenantSettings.init(system);
    Visitor.init(system, http.askTimeout());
    UserActivityProjection.init(system, readModels);
    formCluster(system, config);
    awaitMemberUp(system);

    ClusterSharding sharding = ClusterSharding.get(system);
    Clock clock = Clock.systemUTC();
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("limbic.blocking-dispatcher"));
    ActivityRoutes activity = new ActivityRoutes(new UserActivityRepository(readModels), blocking, clock);
    SessionRoutes sessions = new SessionRoutes(sharding, http);
    ServerBinding binding =
        HttpServer.start(
                system,
                http,
                keys,
                List.of(
                    new HeartbeatRoutes(sharding, http, clock)::routes,
                    new UserRoutes(sharding, http)::routes,
                    sessions::routes,
                    new IdentityRoutes(sharding, http, clock)::routes,
                    new ProductEventRoutes(sharding, http, clock)::routes,
                    new ConfigRoutes(sharding, http)::routes,
                    activity::routes),
                new StreamRoutes(system, sessions, keys).route())
            .toCompletableFuture()
            .orTimeout(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .join();
    log.info("Limbic HTTP API on {} using {}", binding.localAddress(), database);
    return new LimbicNode(system, binding, generatedKey, database);
  }

  private static void formCluster(ActorSystem<?> system, Config config) {
    PekkoManagement management = PekkoManagement.get(system);
    management.start();
    CoordinatedShutdown.get(system)
        .addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "stop-management", management::stop);
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "stop-http-client-pools",
            () -> Http.get(system).shutdownAllConnectionPools().thenApply(unit -> Done.getInstance()));
    if (config.getString("limbic.cluster.formation").equals("self")) {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      ClusterBootstrap.get(system).start();
    }
  }

  /** The API opens only once this node is a cluster member, so its first requests do not wait on sharding. */
  private static void awaitMemberUp(ActorSystem<?> system) {
    CompletableFuture<Done> up = new CompletableFuture<>();
    org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system))
        .registerOnMemberUp(() -> up.complete(Done.getInstance()));
    try {
      up.orTimeout(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    } catch (RuntimeException e) {
      CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
      throw new IllegalStateException("this node did not join a cluster within " + START_TIMEOUT, e);
    }
  }

  private static java.util.concurrent.CompletionStage<Done> close(HikariDataSource pool) {
    pool.close();
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public int httpPort() {
    return binding.localAddress().getPort();
  }

  /** The key generated for tenant "default" when none were configured. */
  public Optional<String> generatedKey() {
    return generatedKey;
  }

  public DatabaseSettings database() {
    return database;
  }

  /** Stops the node the way SIGTERM does, and waits until it has. */
  public void stop() {
    CoordinatedShutdown.get(system)
        .runAll(CoordinatedShutdown.unknownReason())
        .toCompletableFuture()
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
