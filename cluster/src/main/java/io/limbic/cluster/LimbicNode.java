package io.limbic.cluster;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.cluster.http.AuditLog;
import io.limbic.cluster.http.AuditRoutes;
import io.limbic.cluster.http.JdbcAuditLog;
import io.limbic.projections.audit.AuditRepository;
import io.limbic.cluster.http.GuardedRoutes;
import io.limbic.cluster.http.ErasureRoutes;
import io.limbic.cluster.erasure.PersonErasure;
import io.limbic.cluster.erasure.PersonExport;
import io.limbic.cluster.http.JobRoutes;
import io.limbic.cluster.http.ScheduleRoutes;
import io.limbic.projections.schedules.ScheduleRepository;
import io.limbic.projections.schedules.ScheduleSettings;
import io.limbic.cluster.jobs.JobService;
import io.limbic.projections.jobs.JobPlatform;
import io.limbic.projections.jobs.JobWork;
import io.limbic.cluster.escalation.AckLinks;
import io.limbic.cluster.escalation.DeadlineSweeper;
import io.limbic.cluster.escalation.EscalationRuntime;
import io.limbic.cluster.escalation.EscalationSafetyNet;
import io.limbic.cluster.escalation.EscalationSettings;
import io.limbic.cluster.escalation.Incident;
import io.limbic.cluster.escalation.NoticeDeliveryAgent;
import io.limbic.cluster.escalation.PolicyCache;
import io.limbic.cluster.escalation.TenantEscalationPolicy;
import io.limbic.cluster.http.EscalationRoutes;
import io.limbic.cluster.http.IncidentAckRoutes;
import io.limbic.cluster.http.WebhookKeyRoutes;
import io.limbic.projections.escalation.ChannelSenders;
import io.limbic.projections.escalation.EscalationProviders;
import io.limbic.projections.escalation.IncidentProjection;
import io.limbic.projections.escalation.IncidentRepository;
import io.limbic.cluster.http.InteractionRoutes;
import io.limbic.cluster.http.ModelRoutes;
import io.limbic.cluster.http.PlanPolicyRoutes;
import io.limbic.projections.policies.PlanPolicyRepository;
import io.limbic.cluster.models.ModelComponents;
import io.limbic.cluster.http.BacktestRoutes;
import io.limbic.projections.insights.BacktestRepository;
import io.limbic.projections.insights.BacktestWork;
import io.limbic.projections.insights.CuriosityWork;
import io.limbic.projections.insights.FindingRepository;
import io.limbic.projections.insights.SignalLiftRepository;
import io.limbic.projections.insights.SignalLiftsWork;
import io.limbic.analytics.kpi.control.ModelPredictiveControl;
import io.limbic.analytics.kpi.family.OhmSimpleFamily;
import io.limbic.analytics.kpi.family.RcRetentionFamily;
import io.limbic.analytics.kpi.statespace.MonteCarloForecaster;
import io.limbic.analytics.kpi.statespace.StateSpaceFamily;
import io.limbic.projections.jobs.JobSubmitter;
import java.util.concurrent.atomic.AtomicReference;
import io.limbic.projections.kpi.ModelVersionRepository;
import io.limbic.cluster.http.ProjectionRoutes;
import io.limbic.cluster.http.Role;
import io.limbic.projections.operations.ProjectionOperations;
import io.limbic.cluster.metrics.NodeGauges;
import io.limbic.cluster.tracing.LimbicTracing;
import io.limbic.protocol.escalation.EscalationPolicyCommand;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.intervention.InterventionCommand;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.tenant.TenantCommand;
import io.limbic.protocol.visitor.VisitorCommand;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import io.limbic.cluster.http.MatchQualityRoutes;
import io.limbic.cluster.http.MatchingRoutes;
import io.limbic.cluster.http.SchedulerRoutes;
import io.limbic.cluster.idle.GovernorCommand;
import io.limbic.cluster.idle.IdleRuntime;
import io.limbic.cluster.idle.IdleSettings;
import io.limbic.cluster.idle.IdleSweeper;
import io.limbic.cluster.idle.StatisticalPhases;
import io.limbic.cluster.idle.WorkGovernor;
import io.limbic.projections.idle.IdleScheduleProjection;
import io.limbic.projections.idle.IdleScheduleRepository;
import io.limbic.projections.matching.CandidateFeed;
import io.limbic.projections.matching.CandidateRepository;
import io.limbic.cluster.matching.NodeCandidates;
import io.limbic.cluster.matching.TenantWeights;
import io.limbic.projections.matching.DecisionRepository;
import io.limbic.projections.matching.DecisionsProjection;
import io.limbic.projections.matching.MatchOutcomes;
import io.limbic.projections.matching.MatchesProjection;
import io.limbic.projections.matching.MatchesRepository;
import io.limbic.projections.matching.ProfileProjection;
import java.util.function.Function;
import io.limbic.cluster.agents.UserEngagementAgent;
import io.limbic.cluster.agents.InterventionDeliveryAgent;
import io.limbic.cluster.http.ForensicsRoutes;
import io.limbic.cluster.http.KpiRoutes;
import io.limbic.cluster.http.SegmentRoutes;
import io.limbic.projections.kpi.JdbcKpiSeriesSource;
import io.limbic.projections.kpi.SegmentRepository;
import io.limbic.projections.kpi.SessionKpiProjection;
import io.limbic.projections.kpi.UserKpiProjection;
import io.limbic.cluster.http.InterventionForensicsRoutes;
import io.limbic.cluster.http.WebhookKeyRoutes;
import io.limbic.projections.forensics.EmotionForensicsProjection;
import io.limbic.projections.forensics.ForensicsRepository;
import io.limbic.projections.forensics.ProductOutcomesProjection;
import io.limbic.cluster.http.InterventionRoutes;
import io.limbic.cluster.interventions.InterventionRuntime;
import io.limbic.cluster.interventions.InterventionSettings;
import io.limbic.cluster.interventions.WebhookSignature;
import io.limbic.projections.interventions.InterventionDecisionsProjection;
import io.limbic.projections.interventions.InterventionRepository;
import io.limbic.cluster.http.AgentRoutes;
import io.limbic.cluster.http.NotificationChannelRoutes;
import io.limbic.cluster.tenant.TenantChannels;
import io.limbic.projections.agents.Agent;
import io.limbic.projections.agents.AgentPlatform;
import io.limbic.projections.agents.notifications.ChannelDelivery;
import io.limbic.projections.agents.notifications.ChannelSettings;
import io.limbic.projections.agents.notifications.NotificationAgent;
import java.util.ArrayList;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.server.Route;
import io.limbic.cluster.http.ConfigRoutes;
import io.limbic.cluster.http.EventChainRoutes;
import io.limbic.projections.chain.EventChainProjection;
import io.limbic.projections.chain.EventChainRepository;
import io.limbic.cluster.http.HeartbeatRoutes;
import io.limbic.cluster.http.HttpServer;
import io.limbic.cluster.http.HttpSettings;
import io.limbic.cluster.http.IdentityRoutes;
import io.limbic.cluster.http.ProductEventRoutes;
import io.limbic.cluster.http.PostHogRoutes;
import io.limbic.cluster.http.RateLimits;
import io.limbic.cluster.http.SegmentTrackingRoutes;
import io.limbic.cluster.http.ApiKeyRoutes;
import io.limbic.cluster.http.ApiKeyring;
import io.limbic.cluster.http.PublishableKeys;
import io.limbic.cluster.http.PublishableKeyRoutes;
import io.limbic.cluster.http.PublishableKeyring;
import io.limbic.projections.keys.ApiKeyRepository;
import io.limbic.projections.keys.PublishableKeyRepository;
import io.limbic.cluster.http.SessionRoutes;
import io.limbic.cluster.http.AllowedOrigins;
import io.limbic.cluster.http.StreamRoutes;
import io.limbic.cluster.http.TokenBuckets;
import io.limbic.cluster.http.StreamSettings;
import io.limbic.cluster.http.UserRoutes;
import io.limbic.cluster.http.UserScope;
import io.limbic.cluster.http.UserTokenKeys;
import io.limbic.cluster.http.UserTokenRoutes;
import io.limbic.cluster.http.UserTokenSettings;
import io.limbic.cluster.http.UserTokens;
import io.limbic.cluster.http.TokenKeyring;
import io.limbic.cluster.http.TokenRevocations;
import io.limbic.cluster.http.UserTokenKeyRoutes;
import io.limbic.cluster.http.UserTokenRevocationRoutes;
import io.limbic.projections.keys.TokenRevocationRepository;
import io.limbic.projections.keys.UserTokenKeyRepository;
import io.limbic.cluster.http.DashboardRoutes;
import io.limbic.cluster.http.DashboardSessions;
import io.limbic.cluster.http.DashboardSettings;
import io.limbic.cluster.http.LiveEmotionRoutes;
import io.limbic.cluster.session.Session;
import io.limbic.cluster.session.SessionEntitySettings;
import io.limbic.cluster.tenant.TenantSettings;
import io.limbic.cluster.user.User;
import io.limbic.cluster.user.UserSettings;
import io.limbic.cluster.visitor.Visitor;
import io.limbic.cluster.visitor.VisitorSettings;
import io.limbic.cluster.http.ActivityRoutes;
import io.limbic.projections.activity.UserActivityProjection;
import io.limbic.projections.activity.UserActivityRepository;
import io.limbic.projections.db.ConnectionPools;
import io.limbic.projections.db.DatabaseSettings;
import io.limbic.projections.db.Migrations;
import io.limbic.projections.db.ReactionLog;
import io.limbic.cluster.files.OwnerOnly;
import io.limbic.cluster.http.ApiKeys;
import io.limbic.protocol.user.UserCommand;
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
  // The most candidates one deep phase reads from the index.
  private static final int MAX_CANDIDATES = 100_000;
  // Signs escalation webhooks when limbic.escalation.providers.webhook.signing-secret is empty.
  private static final String WEBHOOK_SECRET_FILE = "webhook-secret";

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final Optional<ApiKeys.DefaultKey> defaultKey;
  private final DatabaseSettings database;

  private LimbicNode(
      ActorSystem<Void> system, ServerBinding binding, Optional<ApiKeys.DefaultKey> defaultKey,
      DatabaseSettings database) {
    this.system = system;
    this.binding = binding;
    this.defaultKey = defaultKey;
    this.database = database;
  }

  public static LimbicNode start(Config overrides) throws IOException {
    return start(overrides, List.of());
  }

  /** A node that also runs {@code extraAgents} next to the agents it ships with. */
  public static LimbicNode start(Config overrides, List<Agent> extraAgents) throws IOException {
    return start(overrides, extraAgents, List.of(), null);
  }

  /** A node that also runs {@code extraAgents} and the jobs of {@code extraWorks} (README "Jobs and schedules"). */
  public static LimbicNode start(Config overrides, List<Agent> extraAgents, List<JobWork> extraWorks)
      throws IOException {
    return start(overrides, extraAgents, extraWorks, null);
  }

  /** A node whose model API computes with {@code models} (tests pass their own). */
  public static LimbicNode start(Config overrides, List<Agent> extraAgents, ModelComponents models)
      throws IOException {
    return start(overrides, extraAgents, List.of(), models);
  }

  /**
   * A node with {@code extraAgents}, the jobs of {@code extraWorks}, and a model API computing with {@code models}
   * (null: the model families, forecaster and planner it ships with, over the KPI read model).
   */
  public static LimbicNode start(
      Config overrides, List<Agent> extraAgents, List<JobWork> extraWorks, ModelComponents models)
      throws IOException {
    Config config = NodeConfig.load(overrides);
    DatabaseSettings database = DatabaseSettings.from(config);
    Path dataDir = Path.of(config.getString("limbic.data-dir"));
    // Keys are checked before anything starts, so a bad one stops the node at once and with nothing to clean up.
    Optional<ApiKeys.DefaultKey> defaultKey = Optional.empty();
    String keySpec = config.getString("limbic.api-keys");
    if (keySpec.isBlank()) {
      defaultKey = Optional.of(ApiKeys.loadOrGenerateDefault(dataDir));
      // The embedded single-machine default: its one tenant is the whole service, so its key may operate it too.
      keySpec = ApiKeys.DEFAULT_TENANT + ":" + defaultKey.get().key() + ":ingest+read+admin+operator";
    }
    ApiKeys secretKeys = ApiKeys.parse(keySpec);
    PublishableKeys configuredPublishable = PublishableKeys.parse(config.getString("limbic.publishable-keys"));
    UserTokenKeys tenantTokenKeys = UserTokenKeys.parse(config.getString("limbic.user-tokens.keys"));
    boolean usesDataDir = defaultKey.isPresent() || database.isEmbeddedIn(dataDir);
    if (usesDataDir) OwnerOnly.directory(dataDir);
    HikariDataSource readModels =
        ConnectionPools.create(database, "limbic-read-models", config.getInt("limbic.db.read-model-pool-size"));
    try {
      Migrations.migrate(readModels, database.dialect());
    } catch (RuntimeException e) {
      readModels.close();
      throw e;
    }
    // H2 creates its files with the process umask; the key and the database are for this user only.
    if (usesDataDir) OwnerOnly.restrictFilesIn(dataDir);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "limbic", config);
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    HandOffTiming.register(shutdown, HandOffTiming.limit(config));
    // Issue 13: spans go out over OTLP only when an endpoint is configured; what is batched is sent on the way out.
    LimbicTracing tracing = LimbicTracing.get(system);
    shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "flush-traces", tracing::shutdown);
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-read-model-pool", () -> close(readModels));
    // The database breaker's probe (README "Database outages and node crashes").
    io.limbic.cluster.health.DatabaseProbe.start(system, readModels);

    HttpSettings http = HttpSettings.from(config);
    Clock clock = Clock.systemUTC();
    IdleSettings idleSettings = IdleSettings.from(config);
    // Issue 11: each tenant's P(mutual), fitted on the decisions that followed its logged matches, cached per node.
    TenantWeights tenantWeights = new TenantWeights(new MatchOutcomes(readModels), clock,
        config.getDuration("limbic.matching.refit-interval"), config.getInt("limbic.matching.fit-window"));
    ActorRef<GovernorCommand> governor =
        system.systemActorOf(WorkGovernor.create(idleSettings, clock), "idle-governor", Props.empty());
    NodeCandidates nodeCandidates =
        new NodeCandidates(new CandidateFeed(readModels), NodeCandidates.Settings.from(config), clock);
    StatisticalPhases phases =
        new StatisticalPhases(idleSettings.newAnalyzer(), new CandidateRepository(readModels),
            new DecisionRepository(readModels), tenantWeights, MatchWeights.DEFAULT, idleSettings.matchesPerDay(),
            MAX_CANDIDATES, nodeCandidates);
    ClusterSharding sharding = ClusterSharding.get(system);
    User.init(
        system,
        UserSettings.from(config),
        new IdleRuntime(idleSettings, governor, phases, id -> sharding.entityRefFor(UserCommand.ENTITY_TYPE, id)));
    Session.init(system, SessionEntitySettings.from(config));
    TenantSettings.init(system);
    InterventionSettings.init(system);
    Visitor.init(system, VisitorSettings.from(config));
    // Executive escalation (issue 9): policies, incidents and the hot path's policy cache.
    EscalationSettings escalation = EscalationSettings.from(config);
    byte[] escalationSecret = AckLinks.secret(escalation.ackSecret(), dataDir);
    AtomicReference<String> publicUrl = new AtomicReference<>(escalation.publicUrl());
    AckLinks ackLinks = new AckLinks(escalationSecret, escalation.ackLinkTtl(), publicUrl::get);
    TenantEscalationPolicy.init(system);
    String webhookSecret = new String(AckLinks.secret("", dataDir, WEBHOOK_SECRET_FILE), StandardCharsets.UTF_8);
    // Every secret the data directory holds is read or written before this node can join a cluster, so nodes that
    // share one data directory (./limbic start --nodes N) all read what the first wrote.
    UserTokenSettings userTokenSettings = UserTokenSettings.from(config);
    byte[] userTokenSecret =
        AckLinks.secret(userTokenSettings.issuerSecret(), dataDir, UserTokenSettings.SECRET_FILE);
    DashboardSettings dashboardSettings = DashboardSettings.from(config);
    byte[] dashboardSecret = AckLinks.secret(dashboardSettings.sessionSecret(), dataDir, DashboardSettings.SECRET_FILE);
    EscalationProviders providers = EscalationProviders.from(config).withWebhookSecretIfMissing(webhookSecret);
    Incident.init(system, ChannelSenders.create(system, providers), ackLinks);
    EscalationRuntime.get(system).signWebhooksWith(providers.webhook().orElseThrow().signingSecret());
    EscalationRuntime.get(system).install(
        new PolicyCache(sharding, http.askTimeout(), escalation.policyCacheTtl()), sharding, http.askTimeout());

    UserActivityProjection.init(system, readModels);
    ProfileProjection.init(system, readModels);
    IdleScheduleProjection.init(system, readModels, idleSettings.schedule().thresholds());
    MatchesProjection.init(system, readModels);
    DecisionsProjection.init(system, readModels);
    // Correlation (issue 8): the event_chain read model behind GET /v1/events?correlationId=.
    EventChainProjection.init(system, readModels);
    IncidentProjection.init(system, readModels);
    // Interventions (issue 9): the decisions read model behind GET /v1/interventions and its forensics.
    InterventionDecisionsProjection.init(system, readModels);
    // Revenue forensics (issue 9): emotions, EVI and weather read models; product events for outcomes.
    EmotionForensicsProjection.init(system, readModels);
    ProductOutcomesProjection.init(system, readModels);
    UserKpiProjection.init(system, readModels);
    SessionKpiProjection.init(system, readModels);
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("limbic.blocking-dispatcher"));
    // Agents (issue 8): the shipped ones plus any given; each runs as its own at-least-once projection.
    AgentPlatform agents = startAgents(system, config, http, readModels, blocking, extraAgents);
    String reactionLog = config.getString("limbic.projections.reaction-log");
    if (!reactionLog.isBlank()) ReactionLog.start(system, reactionLog, Duration.ofSeconds(1));
    // Issue 13: GET /metrics on the management port reads these at each scrape.
    NodeGauges.install(system, http.askTimeout(), new ProjectionOperations(system, readModels, blocking, clock), agents,
        governor, List.of(UserCommand.ENTITY_TYPE, SessionCommand.ENTITY_TYPE, VisitorCommand.ENTITY_TYPE,
            TenantCommand.ENTITY_TYPE, InterventionCommand.ENTITY_TYPE, IncidentCommand.ENTITY_TYPE,
            EscalationPolicyCommand.ENTITY_TYPE));
    formCluster(system, config);
    awaitMemberUp(system);

    IdleSweeper.init(system, new IdleScheduleRepository(readModels), blocking, idleSettings.sweepInterval(),
        config.getDouble("limbic.idle.sweep-wakes-per-second"));
    DeadlineSweeper.init(system, new IncidentRepository(readModels), blocking, escalation.sweepInterval());
    // Jobs and schedules (issue 12). The model API submits to the platform, and the platform runs the model API's
    // works: the API gets a submitter that forwards to the platform once it has started.
    AtomicReference<JobPlatform> platform = new AtomicReference<>();
    JobSubmitter submitter = (tenant, kind, request, key) -> platform.get().submit(tenant, kind, request, key);
    ModelComponents components = models != null ? models : shippedModels(readModels, submitter);
    ModelRoutes modelRoutes = modelRoutes(system, readModels, blocking, clock, components, submitter);
    List<JobWork> works = new ArrayList<>(extraWorks);
    works.addAll(modelRoutes.jobWorks());
    works.addAll(insightWorks(readModels, components, clock));
    JobPlatform jobs = JobService.start(system, readModels, blocking, clock, works);
    platform.set(jobs);
    PublishableKeyring publishable =
        new PublishableKeyring(configuredPublishable, new PublishableKeyRepository(readModels));
    publishable.start(system, blocking);
    // End-user tokens (issue 15): JWTs scoped to one user, signed by the tenant's own key or issued by the node.
    // Keys registered and tokens revoked at runtime (issue 15, README "User tokens"), reloaded on every node.
    TokenKeyring registeredTokenKeys = new TokenKeyring(new UserTokenKeyRepository(readModels));
    registeredTokenKeys.start(system, blocking);
    TokenRevocations revocations = new TokenRevocations(new TokenRevocationRepository(readModels), clock);
    revocations.start(system, blocking);
    UserTokens userTokens = new UserTokens(tenantTokenKeys, registeredTokenKeys::current, revocations,
        userTokenSecret, userTokenSettings.clockSkew(), userTokenSettings.maxTtl(), clock);
    // The dashboard (issue 15): a tenant key signs in for a signed session cookie that every node with the secret accepts.
    DashboardSessions dashboardSessions =
        new DashboardSessions(dashboardSecret, dashboardSettings.sessionTtl(), clock, revocations);
    // Secret keys created at runtime (issue 15, README "Managing keys"), beside the configured ones.
    ApiKeyring createdKeys = new ApiKeyring(new ApiKeyRepository(readModels), clock);
    createdKeys.start(system, blocking);
    ApiKeys keys = secretKeys.withStored(createdKeys, clock).with(publishable::current).withUserTokens(userTokens)
        .withDashboardSessions(dashboardSessions);
    // Rate limits (issue 15, README "Errors and limits"): one instance per node, shared by every authenticated
    // entry point (the /v1 API, the WebSocket upgrade, PostHog and Segment capture) so a tenant's budget is one budget.
    RateLimits rateLimits = TokenBuckets.from(config);
    // Readiness means ready (README "Readiness"): the first client request must not pay for shard allocation and the
    // journal's first queries, nor meet a port that is not bound yet.
    Serving.warmUp(sharding, http.askTimeout(), START_TIMEOUT);
    List<GuardedRoutes> tenantRoutes = routes(system, http, readModels, governor, blocking, clock, agents,
        tenantWeights, jobs, modelRoutes);
    tenantRoutes.add(GuardedRoutes.readAndForCaller(Role.INGEST,
        new UserTokenRoutes(userTokens, userTokenSettings)::routes));
    tenantRoutes.add(GuardedRoutes.admin(new PublishableKeyRoutes(publishable, blocking, clock)::routes));
    tenantRoutes.add(GuardedRoutes.operator(new ApiKeyRoutes(createdKeys, secretKeys, blocking, clock)::routes));
    tenantRoutes.add(GuardedRoutes.operator(new UserTokenKeyRoutes(registeredTokenKeys, blocking, clock)::routes));
    tenantRoutes.add(GuardedRoutes.admin(
        new UserTokenRevocationRoutes(revocations, userTokens, blocking, clock)::routes));
    // Audit log (issue 15, README "Audit log"): every administrative action, who, what and when.
    AuditLog audit = new JdbcAuditLog(new AuditRepository(readModels), blocking, clock);
    tenantRoutes.add(GuardedRoutes.admin(new AuditRoutes(audit)::routes));
    // The stream re-checks its caller's credential before every read, at most max-streams-per-key per key (issue 15).
    tenantRoutes.add(GuardedRoutes.readAndForCaller(Role.READ, new LiveEmotionRoutes(
        new ForensicsRepository(readModels), blocking, clock, dashboardSettings.liveInterval(), keys,
        config.getInt("limbic.http.max-streams-per-key"))::routes));
    ServerBinding binding =
        HttpServer.start(system, http, keys, rateLimits, audit, tenantRoutes,
                org.apache.pekko.http.javadsl.server.Directives.concat(
                    new StreamRoutes(system, new SessionRoutes(ClusterSharding.get(system), http), keys,
                        StreamSettings.from(config), AllowedOrigins.parse(config.getString("limbic.http.allowed-origins")),
                        http.askTimeout(), rateLimits).route(),
                    // The acknowledgement link carries its own signed token, not an API key.
                    new IncidentAckRoutes(sharding, ackLinks, http, clock, audit).route()),
                org.apache.pekko.http.javadsl.server.Directives.concat(
                    new PostHogRoutes(keys::publishable, new IdentityRoutes(sharding, http, clock),
                        new ProductEventRoutes(sharding, http, clock), new SessionRoutes(sharding, http), clock,
                        rateLimits, io.limbic.cluster.health.DatabaseHealth.get(system)).route(),
                    new SegmentTrackingRoutes(keys::publishable, new IdentityRoutes(sharding, http, clock),
                        new ProductEventRoutes(sharding, http, clock), rateLimits, clock,
                        io.limbic.cluster.health.DatabaseHealth.get(system)).route()),
                new DashboardRoutes(keys, dashboardSessions, dashboardSettings, rateLimits, blocking).route())
            .toCompletableFuture()
            .orTimeout(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .join();
    if (publicUrl.get().isBlank()) {
      publicUrl.set("http://" + binding.localAddress().getHostString() + ":" + binding.localAddress().getPort());
    }
    org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(system);
    shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-serving", () -> {
      Serving.stop(classic);
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    Serving.start(classic);
    log.info("Limbic HTTP API on {} using {}", binding.localAddress(), database);
    if (!AsyncPool.pooled()) {
      log.warn("The common fork-join pool has one thread: every CompletableFuture continuation without an executor "
          + "starts a thread of its own; start the JVM with -D{}=2 (io.limbic.cluster.Main sets it)",
          AsyncPool.PARALLELISM);
    }
    return new LimbicNode(system, binding, defaultKey, database);
  }

  /**
   * The API's resources, each authenticated and scoped to the caller's tenant by the server, and each in the role
   * group its requests need: ingest (data in), read (GETs of what it became), admin ({@link #adminRoutes}), and
   * operator for what acts on every tenant.
   */
  private static List<GuardedRoutes> routes(
      ActorSystem<?> system, HttpSettings http, HikariDataSource readModels,
      ActorRef<GovernorCommand> governor, Executor blocking, Clock clock, AgentPlatform agents,
      TenantWeights tenantWeights, JobPlatform jobs, ModelRoutes modelRoutes) {
    ClusterSharding sharding = ClusterSharding.get(system);
    boolean allowPrivateHosts =
        system.settings().config().getBoolean("limbic.agents.notifications.allow-private-hosts");
    // What a user token reaches: its user's state and matches, heartbeats and sessions' telemetry (README "User tokens").
    UserRoutes users = new UserRoutes(sharding, http);
    SessionRoutes sessions = new SessionRoutes(sharding, http);
    MatchingRoutes matching = new MatchingRoutes(sharding, http, new CandidateRepository(readModels), blocking);
    ErasureRoutes erasure = new ErasureRoutes(
        new PersonErasure(system, readModels, blocking, http.askTimeout(), clock),
        new PersonExport(system, readModels, blocking, http.askTimeout(), clock));
    List<GuardedRoutes> routes = new ArrayList<>(List.of(
        heartbeats(sharding, http, clock),
        GuardedRoutes.read(users::routes).reachableByUserTokens(UserScope.ownUserReads(users::routes)),
        // GDPR (issue 15): export reads (a user token exports its own user), erasure needs admin.
        GuardedRoutes.split(Role.READ, Role.ADMIN, erasure::routes)
            .reachableByUserTokens(UserScope.ownUserReads(erasure::exportRoutes)),
        GuardedRoutes.readAnd(Role.INGEST, sessions::routes).reachableByUserTokens(sessions::routesFor),
        GuardedRoutes.ingest(new IdentityRoutes(sharding, http, clock)::routes),
        GuardedRoutes.ingest(new ProductEventRoutes(sharding, http, clock)::routes),
        GuardedRoutes.readAnd(Role.ADMIN, new ConfigRoutes(sharding, http)::routes),
        GuardedRoutes.readAnd(Role.INGEST, matching::routes).reachableByUserTokens(UserScope.ownUserReads(matching::routes)),
        GuardedRoutes.ingest(new InteractionRoutes(sharding, http, clock)::routes),
        GuardedRoutes.read(new MatchQualityRoutes(new MatchesRepository(readModels), tenantWeights, blocking)::routes),
        GuardedRoutes.read(new SchedulerRoutes(system, governor, http.askTimeout())::routes),
        GuardedRoutes.read(new ActivityRoutes(new UserActivityRepository(readModels), blocking, clock)::routes),
        GuardedRoutes.read(new EventChainRoutes(new EventChainRepository(readModels), blocking)::routes),
        // Admin both ways: a Slack webhook URL lets whoever holds it post to the channel.
        GuardedRoutes.admin(new NotificationChannelRoutes(sharding, http, allowPrivateHosts)::routes),
        GuardedRoutes.readAnd(Role.ADMIN, interventionRoutes(system, http, readModels, blocking)::routes),
        GuardedRoutes.read(
            new InterventionForensicsRoutes(new InterventionRepository(readModels), blocking, clock)::routes),
        GuardedRoutes.read(new ForensicsRoutes(sharding, http.askTimeout(), new ForensicsRepository(readModels),
            blocking, clock)::routes)));
    routes.add(GuardedRoutes.readAnd(Role.ADMIN, new SegmentRoutes(new SegmentRepository(readModels), blocking, clock)::routes));
    routes.add(GuardedRoutes.read(new KpiRoutes(new JdbcKpiSeriesSource(readModels), blocking, clock)::routes));
    EscalationRoutes escalation = new EscalationRoutes(sharding, http, EscalationRuntime.get(system).policies(),
        new IncidentRepository(readModels), blocking, allowPrivateHosts, clock);
    routes.add(GuardedRoutes.readAndForCaller(Role.ADMIN, escalation::policyRoutes));
    routes.add(GuardedRoutes.readAnd(Role.ADMIN, escalation::incidentRoutes));
    routes.add(GuardedRoutes.read(new JobRoutes(jobs)::routes));
    routes.add(GuardedRoutes.readAnd(Role.ADMIN, new ScheduleRoutes(new ScheduleRepository(readModels), jobs,
        ScheduleSettings.from(system.settings().config()), blocking, clock)::routes));
    // KPI models (issue 12): estimate, simulate and recommend change no data, so the read role may run them.
    routes.add(GuardedRoutes.read(modelRoutes::routes));
    routes.addAll(new PlanPolicyRoutes(new PlanPolicyRepository(readModels), blocking, clock,
        system.settings().config().getBytes("limbic.models.max-body")).guarded());
    routes.add(GuardedRoutes.read(new BacktestRoutes(new BacktestRepository(readModels),
        new SignalLiftRepository(readModels), new FindingRepository(readModels), blocking, clock)::routes));
    adminRoutes(system, readModels, blocking, clock, agents).forEach(r -> routes.add(GuardedRoutes.admin(r)));
    // Acting on every tenant at once: listing read models is for admins, changing them for operators only.
    routes.add(GuardedRoutes.split(Role.ADMIN, Role.OPERATOR,
        new ProjectionRoutes(new ProjectionOperations(system, readModels, blocking, clock))::routes));
    routes.add(GuardedRoutes.operator(new AgentRoutes(agents)::operations));
    return routes;
  }

  private static GuardedRoutes heartbeats(ClusterSharding sharding, HttpSettings http, Clock clock) {
    HeartbeatRoutes heartbeats = new HeartbeatRoutes(sharding, http, clock);
    return GuardedRoutes.ingest(heartbeats::routes).reachableByUserTokens(heartbeats::routesFor);
  }

  /** The model families, forecaster and planner the node ships with, over the KPI read model. */
  private static ModelComponents shippedModels(HikariDataSource readModels, JobSubmitter submitter) {
    return new ModelComponents(
        List.of(new StateSpaceFamily(), new RcRetentionFamily(), new OhmSimpleFamily()), new MonteCarloForecaster(),
        new ModelPredictiveControl(), new JdbcKpiSeriesSource(readModels), submitter);
  }

  /** Backtests, signal lifts and curiosity, over the same KPI read model and model families. */
  private static List<JobWork> insightWorks(HikariDataSource readModels, ModelComponents models, Clock clock) {
    if (models.series() == null || models.forecaster() == null) return List.of();
    return List.of(
        new BacktestWork(models.series(), models.families(), models.forecaster(), new BacktestRepository(readModels),
            clock),
        new SignalLiftsWork(models.series(), new SignalLiftRepository(readModels), clock),
        new CuriosityWork(models.series(), new FindingRepository(readModels), clock));
  }

  private static ModelRoutes modelRoutes(ActorSystem<?> system, HikariDataSource readModels, Executor blocking,
      Clock clock, ModelComponents models, JobSubmitter submitter) {
    Config c = system.settings().config().getConfig("limbic.models");
    JobSubmitter jobs = models.jobs() != null ? models.jobs() : submitter;
    return new ModelRoutes(models.families(), models.forecaster(), models.planner(), models.series(), jobs,
        new ModelVersionRepository(readModels), blocking, clock, c.getBytes("max-body"), c.getInt("max-concurrent"));
  }

  private static InterventionRoutes interventionRoutes(
      ActorSystem<?> system, HttpSettings http, HikariDataSource readModels, Executor blocking) {
    Config c = system.settings().config().getConfig("limbic.interventions");
    return new InterventionRoutes(ClusterSharding.get(system), http, InterventionRuntime.get(system).configs(),
        new InterventionRepository(readModels), blocking, new WebhookSignature(c.getString("webhook-secret")),
        c.getBoolean("allow-private-hosts"), c.getInt("max-listed"));
  }

  /** The tenant's administrative resources, all behind the admin role. */
  private static List<Function<String, Route>> adminRoutes(
      ActorSystem<?> system, HikariDataSource readModels, Executor blocking, Clock clock, AgentPlatform agents) {
    Config interventions = system.settings().config().getConfig("limbic.interventions");
    return List.of(
        new AgentRoutes(agents)::routes,
        new WebhookKeyRoutes(EscalationRuntime.get(system)::webhookSecret,
            new WebhookSignature(interventions.getString("webhook-secret")))::routes);
  }

  private static AgentPlatform startAgents(
      ActorSystem<?> system, Config config, HttpSettings http, HikariDataSource readModels, Executor blocking,
      List<Agent> extraAgents) {
    List<Agent> agents = new ArrayList<>();
    agents.add(new NotificationAgent(
        new TenantChannels(ClusterSharding.get(system), http.askTimeout()),
        new ChannelDelivery(system, ChannelSettings.from(config), Clock.systemUTC())));
    agents.add(new UserEngagementAgent(ClusterSharding.get(system), http.askTimeout()));
    agents.add(new EscalationSafetyNet(EscalationRuntime.get(system), ClusterSharding.get(system), http.askTimeout()));
    agents.add(new NoticeDeliveryAgent(ClusterSharding.get(system), http.askTimeout()));
    agents.add(new InterventionDeliveryAgent(ClusterSharding.get(system),
        new ChannelDelivery(system, ChannelSettings.from(config), Clock.systemUTC()),
        new WebhookSignature(config.getString("limbic.interventions.webhook-secret")), http.askTimeout()));
    agents.addAll(extraAgents);
    return AgentPlatform.start(system, readModels, blocking, agents);
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

  /** The key of tenant "default" in the data directory, when no keys were configured. */
  public Optional<ApiKeys.DefaultKey> defaultKey() {
    return defaultKey;
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
