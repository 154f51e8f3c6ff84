package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.escalation.PolicyCache;
import io.limbic.projections.escalation.IncidentRepository;
import io.limbic.projections.escalation.IncidentRepository.IncidentRow;
import io.limbic.projections.escalation.IncidentRepository.TimelineEntry;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.EscalationPolicyCommand;
import io.limbic.protocol.http.EscalationPolicyInput;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.IncidentCommand;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Executive escalation, per tenant: {@code GET|PUT /v1/escalation/policy} (a PUT replaces the policy; absent fields
 * take their defaults), and the incidents from the {@code incidents} read model: {@code GET /v1/incidents}
 * ({@code ?status=open|acknowledged|unacknowledged}, newest first, at most {@link #MAX_LIST}) and
 * {@code GET /v1/incidents/{id}} with its timeline, and {@code POST /v1/incidents/{id}/ack} (admin role) for an API
 * caller. The read model trails the entities by the projection's lag.
 */
public final class EscalationRoutes {
  public static final int MAX_LIST = 200;
  /** Who an acknowledgement through the API (not a contact's link) is recorded as. */
  public static final String API_ACKNOWLEDGER = "dashboard";
  private static final long MAX_BODY = 64 * 1024;
  private static final Set<String> STATUSES = Set.of("open", "acknowledged", "unacknowledged");

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final PolicyCache policies;
  private final IncidentRepository incidents;
  private final Executor blocking;
  private final boolean allowPrivateHosts;
  private final Clock clock;

  public EscalationRoutes(
      ClusterSharding sharding, HttpSettings settings, PolicyCache policies, IncidentRepository incidents,
      Executor blocking, boolean allowPrivateHosts, Clock clock) {
    this.clock = clock;
    this.sharding = sharding;
    this.settings = settings;
    this.policies = policies;
    this.incidents = incidents;
    this.blocking = blocking;
    this.allowPrivateHosts = allowPrivateHosts;
  }

  /**
   * Reads for the read role, the PUT for admins. A caller without the admin role sees the contacts' channel values
   * masked ({@link ChannelMasks}): they are credentials and personal data.
   */
  public Route policyRoutes(Caller caller) {
    String tenant = caller.tenant();
    boolean whole = caller.may(Role.ADMIN);
    return Directives.path(PathMatchers.segment("escalation").slash("policy"), () -> Directives.concat(
        Directives.get(() -> ApiDirectives.onResult(
            sharding.entityRefFor(EscalationPolicyCommand.ENTITY_TYPE, tenant)
                .askWithStatus(EscalationPolicyCommand.GetPolicy::new, settings.askTimeout()),
            p -> Json.ok(render(p, whole)))),
        Directives.put(() -> ApiDirectives.jsonBody(MAX_BODY, json -> set(tenant, json)))));
  }

  public Route incidentRoutes(String tenant) {
    return Directives.pathPrefix("incidents", () -> Directives.concat(
        Directives.pathEndOrSingleSlash(() -> Directives.get(
            () -> Directives.parameterOptional("status", status -> list(tenant, status)))),
        Directives.path(PathMatchers.segment(), id -> Directives.get(() -> one(tenant, id))),
        Directives.path(PathMatchers.segment().slash("ack"), id -> Directives.post(() -> acknowledge(tenant, id)))));
  }

  /**
   * {@code POST /v1/incidents/{id}/ack} with an API key or the dashboard's cookie (no link token): acknowledges
   * as {@link #API_ACKNOWLEDGER}, at the last contact paged; a repeat answers with the first acknowledgement.
   */
  private Route acknowledge(String tenant, String id) {
    CompletableFuture<Optional<IncidentRow>> row =
        CompletableFuture.supplyAsync(() -> query(() -> incidents.find(tenant, id)), blocking);
    CompletionStage<HttpResponse> answer = row.thenCompose(found -> {
      if (found.isEmpty()) {
        return CompletableFuture.completedFuture(
            Problems.notFound("no incident " + id + " (yet: the read model may still lag)"));
      }
      String entityId = new TenantScopedId(tenant, found.get().userId()).entityId();
      int lastPaged = Math.max(0, found.get().contactsPaged() - 1);
      return sharding.entityRefFor(IncidentCommand.ENTITY_TYPE, entityId)
          .<IncidentCommand.Acknowledgement>askWithStatus(
              r -> new IncidentCommand.Acknowledge(id, lastPaged, clock.instant(), API_ACKNOWLEDGER, r),
              settings.askTimeout())
          .thenApply(a -> Json.ok(Map.of("incidentId", a.incidentId(), "acknowledged", true,
              "acknowledgedBy", a.by(), "acknowledgedAt", a.at().toString(), "now", a.now())));
    });
    return ApiDirectives.onResult(answer, r -> r);
  }

  private Route set(String tenant, JsonNode json) {
    Validated<EscalationPolicy> policy = EscalationPolicyInput.parse(json, allowPrivateHosts);
    if (policy instanceof Validated.Invalid<EscalationPolicy> bad) {
      return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
    }
    CompletionStage<EscalationPolicy> stored =
        sharding.entityRefFor(EscalationPolicyCommand.ENTITY_TYPE, tenant)
            .<EscalationPolicy>askWithStatus(r -> new EscalationPolicyCommand.SetPolicy(policy.get(), r),
                settings.askTimeout())
            .thenApply(p -> {
              policies.put(tenant, p);
              return p;
            });
    return ApiDirectives.onResult(stored, p -> Json.ok(render(p, true)));
  }

  private Route list(String tenant, Optional<String> status) {
    if (status.isPresent() && !STATUSES.contains(status.get())) {
      return Directives.complete(Problems.badRequest("invalid_parameter",
          "status must be open, acknowledged or unacknowledged"));
    }
    CompletableFuture<HttpResponse> body = CompletableFuture.supplyAsync(() -> {
      List<Map<String, Object>> rows = query(() -> incidents.list(tenant, status, MAX_LIST)).stream()
          .map(EscalationRoutes::incident).toList();
      return Json.ok(Map.of("incidents", rows));
    }, blocking);
    return ApiDirectives.onResult(body, r -> r);
  }

  private Route one(String tenant, String id) {
    CompletableFuture<HttpResponse> body = CompletableFuture.supplyAsync(() -> {
      Optional<IncidentRow> row = query(() -> incidents.find(tenant, id));
      if (row.isEmpty()) return Problems.notFound("no incident " + id + " (yet: the read model may still lag)");
      Map<String, Object> incident = incident(row.get());
      incident.put("timeline", query(() -> incidents.timeline(tenant, id)).stream().map(EscalationRoutes::entry).toList());
      return Json.ok(incident);
    }, blocking);
    return ApiDirectives.onResult(body, r -> r);
  }

  private static <T> T query(SqlCall<T> call) {
    return SqlCall.now("incident query", call);
  }

  /** The policy as JSON; {@code whole} false masks the channels' values. */
  static Map<String, Object> render(EscalationPolicy p, boolean whole) {
    UnaryOperator<EscalationPolicy.Channel> shown = whole ? UnaryOperator.identity() : ChannelMasks::mask;
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("emotion", p.trigger().emotion());
    trigger.put("minConfidence", p.trigger().minConfidence());
    trigger.put("minLifetimeValue", p.trigger().minLifetimeValue());
    trigger.put("currency", p.trigger().currency());
    List<Map<String, Object>> contacts = p.contacts().stream().map(c -> {
      Map<String, Object> contact = new LinkedHashMap<>();
      contact.put("name", c.name());
      contact.put("channels", c.channels().stream().map(shown).map(ch -> {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("type", ch.type());
        if (ch.url() != null) channel.put("url", ch.url());
        if (ch.to() != null) channel.put("to", ch.to());
        if (ch.routingKey() != null) channel.put("routingKey", ch.routingKey());
        return channel;
      }).toList());
      return contact;
    }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("trigger", trigger);
    body.put("escalateAfter", p.escalateAfter().toString());
    body.put("window", p.window().toString());
    body.put("contacts", contacts);
    return body;
  }

  private static Map<String, Object> incident(IncidentRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.incidentId());
    m.put("status", r.status());
    m.put("userId", r.userId());
    m.put("company", r.company());
    m.put("lifetimeValue", r.lifetimeValue());
    m.put("currency", r.currency());
    m.put("emotion", r.emotion());
    m.put("confidence", r.confidence());
    m.put("page", r.page());
    m.put("evidence", r.evidence());
    m.put("sessionId", r.sessionId());
    m.put("emotionId", r.emotionId());
    m.put("openedBy", r.source());
    m.put("detectedAt", text(r.detectedAt()));
    m.put("openedAt", text(r.openedAt()));
    m.put("contacts", r.contacts());
    m.put("contactsNotified", r.contactsPaged());
    m.put("nextStepAt", text(r.nextDeadlineAt()));
    m.put("acknowledgedAt", text(r.acknowledgedAt()));
    m.put("acknowledgedBy", r.acknowledgedBy());
    m.put("endedAt", text(r.endedAt()));
    return m;
  }

  private static Map<String, Object> entry(TimelineEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", text(e.at()));
    m.put("kind", e.kind());
    if (e.contactIndex() != null) m.put("contactIndex", e.contactIndex());
    if (e.contact() != null) m.put("contact", e.contact());
    if (e.channel() != null) m.put("channel", e.channel());
    if (e.detail() != null) m.put("detail", e.detail());
    return m;
  }

  private static String text(java.time.Instant at) {
    return at == null ? null : at.toString();
  }
}
