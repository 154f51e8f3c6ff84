package io.limbic.cluster.http;

import io.limbic.protocol.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.session.TelemetryBatch;
import io.limbic.protocol.Ids;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.http.BatchItemError;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.session.Arrival;
import io.limbic.protocol.session.IngestResult;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.session.SessionView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/** {@code POST /v1/sessions/{id}/telemetry} and {@code GET /v1/sessions/{id}}. */
public final class SessionRoutes {
  public static final int MAX_SAMPLES = io.limbic.protocol.session.TelemetryFrame.MAX_SAMPLES;
  public static final long MAX_TELEMETRY_BODY = 256 * 1024;

  private final ClusterSharding sharding;
  private final HttpSettings settings;

  public SessionRoutes(ClusterSharding sharding, HttpSettings settings) {
    this.sharding = sharding;
    this.settings = settings;
  }

  public Route routes(String tenant) {
    return Directives.pathPrefix(
        "sessions",
        () ->
            Directives.pathPrefix(
                PathMatchers.segment(),
                sessionId ->
                    Directives.concat(
                        Directives.path(
                            "telemetry",
                            () ->
                                Directives.post(
                                    () ->
                                        Arrivals.arrival(arrival -> Correlation.trace(
                                            trace ->
                                                ApiDirectives.jsonBody(
                                                    MAX_TELEMETRY_BODY,
                                                    json -> telemetry(tenant, sessionId, json, trace, arrival)))))),
                        Directives.pathEndOrSingleSlash(() -> Directives.get(() -> view(tenant, sessionId))))));
  }

  /**
   * For a user token: telemetry of its own user's sessions only. A session of another user answers 404 as if it did
   * not exist; a body naming another user 403 {@code user_mismatch}; a session of nobody yet becomes the token's.
   */
  public Route routesFor(Caller caller) {
    String owner = caller.user().orElseThrow();
    return Directives.path(
        PathMatchers.segment("sessions").slash(PathMatchers.segment()).slash("telemetry"),
        sessionId ->
            Directives.post(
                () ->
                    Arrivals.arrival(arrival -> Correlation.trace(
                        trace ->
                            ApiDirectives.jsonBody(
                                MAX_TELEMETRY_BODY,
                                json -> ownTelemetry(caller.tenant(), owner, sessionId, json, trace, arrival))))));
  }

  private Route telemetry(String tenant, String sessionId, JsonNode json, Trace trace, Arrival arrival) {
    if (!Ids.isValid(sessionId)) return Directives.complete(invalidSession());
    Validated<TelemetryBatch> batch = TelemetryBatch.parse(json, MAX_SAMPLES);
    if (batch instanceof Validated.Invalid<TelemetryBatch> bad) return Directives.complete(refusal(bad));
    return ApiDirectives.onResult(
        ingest(session(tenant, sessionId), batch.get(), trace, arrival), r -> Json.response(StatusCodes.ACCEPTED, r));
  }

  private Route ownTelemetry(
      String tenant, String owner, String sessionId, JsonNode json, Trace trace, Arrival arrival) {
    if (!Ids.isValid(sessionId)) return Directives.complete(invalidSession());
    Validated<TelemetryBatch> parsed = TelemetryBatch.parse(json, MAX_SAMPLES);
    if (parsed instanceof Validated.Invalid<TelemetryBatch> bad) return Directives.complete(refusal(bad));
    TelemetryBatch batch = parsed.get();
    if (batch.userId().isPresent() && !batch.userId().get().equals(owner)) {
      return Directives.complete(UserScope.otherUser());
    }
    TelemetryBatch owned =
        new TelemetryBatch(Optional.of(owner), batch.samples(), batch.indices(), batch.errors(), batch.capabilities());
    EntityRef<SessionCommand> session = session(tenant, sessionId);
    CompletionStage<Optional<IngestResult>> result = claim(session, owner, trace).thenCompose(
        mine -> mine
            ? ingest(session, owned, trace, arrival).thenApply(Optional::of)
            : CompletableFuture.completedFuture(Optional.<IngestResult>empty()));
    return ApiDirectives.onResult(result, r -> r.isPresent()
        ? Json.response(StatusCodes.ACCEPTED, r.get())
        : Problems.notFound("no session " + sessionId));
  }

  /**
   * Whether the session is {@code user}'s, making it theirs if it belongs to nobody yet: the first user a session
   * hears of is its user for good, so the owner read after the claim is final.
   */
  public CompletionStage<Boolean> claim(EntityRef<SessionCommand> session, String user, Trace trace) {
    return owner(session).thenCompose(owner -> {
      if (owner != null) return CompletableFuture.completedFuture(owner.equals(user));
      return session
          .askWithStatus(
              (org.apache.pekko.actor.typed.ActorRef<StatusReply<IngestResult>> replyTo) ->
                  new SessionCommand.IngestTelemetry(user, List.of(), List.of(), trace, null, replyTo),
              settings.askTimeout())
          .thenCompose(claimed -> owner(session))
          .thenApply(user::equals);
    });
  }

  private CompletionStage<String> owner(EntityRef<SessionCommand> session) {
    return session.askWithStatus(SessionCommand.GetSession::new, settings.askTimeout()).thenApply(SessionView::userId);
  }

  private static HttpResponse refusal(Validated.Invalid<TelemetryBatch> bad) {
    return bad.code().equals(TelemetryBatch.TOO_MANY)
        ? Problems.tooLarge(bad.message())
        : Problems.badRequest(bad.code(), bad.message());
  }

  /** Sends the valid samples to the session and merges its verdicts with the ones found while parsing. */
  public CompletionStage<IngestResult> ingest(
      EntityRef<SessionCommand> session, TelemetryBatch batch, Trace trace) {
    return ingest(session, batch, trace, null);
  }

  /** As {@link #ingest(EntityRef, TelemetryBatch, Trace)}, detection latency measured from {@code arrival}. */
  public CompletionStage<IngestResult> ingest(
      EntityRef<SessionCommand> session, TelemetryBatch batch, Trace trace, Arrival arrival) {
    if (batch.samples().isEmpty() && batch.capabilities().isEmpty()) {
      return CompletableFuture.completedFuture(new IngestResult(0, batch.errors().size(), batch.errors()));
    }
    return session
        .askWithStatus(
            (org.apache.pekko.actor.typed.ActorRef<StatusReply<IngestResult>> replyTo) ->
                new SessionCommand.IngestTelemetry(
                    batch.userId().orElse(null), batch.samples(), batch.indices(), trace,
                    batch.capabilities().orElse(null), arrival, replyTo),
            settings.askTimeout())
        .thenApply(r -> merge(batch.errors(), r));
  }

  /** Sends the session the signals its client SDK observed; how many it had not recorded yet. */
  public CompletionStage<Integer> report(
      EntityRef<SessionCommand> session, List<io.limbic.protocol.session.ClientSignalReport> reports, Trace trace) {
    if (reports.isEmpty()) return CompletableFuture.completedFuture(0);
    return session.askWithStatus(
        (org.apache.pekko.actor.typed.ActorRef<StatusReply<Integer>> replyTo) ->
            new SessionCommand.ReportClientSignals(List.copyOf(reports), trace, replyTo),
        settings.askTimeout());
  }

  private static IngestResult merge(List<BatchItemError> parsing, IngestResult session) {
    if (parsing.isEmpty()) return session;
    List<BatchItemError> errors = new ArrayList<>(parsing);
    errors.addAll(session.errors());
    errors.sort(Comparator.comparingInt(BatchItemError::index));
    return new IngestResult(session.accepted(), errors.size(), errors);
  }

  private Route view(String tenant, String sessionId) {
    if (!Ids.isValid(sessionId)) return Directives.complete(invalidSession());
    CompletionStage<SessionView> view =
        session(tenant, sessionId).askWithStatus(SessionCommand.GetSession::new, settings.askTimeout());
    return ApiDirectives.onResult(view, v -> render(sessionId, v));
  }

  private static HttpResponse render(String sessionId, SessionView view) {
    boolean unknown =
        view.samples() == 0 && view.userId() == null && view.signals().isEmpty() && view.emotion() == null
        && view.clientSignals().isEmpty();
    return unknown ? Problems.notFound("no session " + sessionId) : Json.ok(view);
  }

  public EntityRef<SessionCommand> session(String tenant, String sessionId) {
    return sharding.entityRefFor(SessionCommand.ENTITY_TYPE, new TenantScopedId(tenant, sessionId).entityId());
  }

  static HttpResponse invalidSession() {
    return Problems.badRequest("invalid_id", "sessionId must be " + Ids.describeRule());
  }
}
