package io.limbic.cluster.http;

import io.limbic.protocol.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.identity.EmailDomain;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.http.JsonFields;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.session.SessionView;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.visitor.VisitorCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import io.limbic.cluster.session.Session;
import io.limbic.protocol.http.Problem;
import java.util.concurrent.CompletionException;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/**
 * {@code POST /v1/identify}: links a session (and an anonymous id) to a user of the tenant; the company comes from
 * the e-mail's domain, and only the domain is kept.
 */
public final class IdentityRoutes {
  private static final long MAX_BODY = 64 * 1024;

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final Clock clock;

  public IdentityRoutes(ClusterSharding sharding, HttpSettings settings, Clock clock) {
    this.sharding = sharding;
    this.settings = settings;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.path(
        "identify",
        () ->
            Directives.post(
                () -> Correlation.trace(trace -> ApiDirectives.jsonBody(MAX_BODY, json -> identify(tenant, json, trace)))));
  }

  private record Identification(String sessionId, String userId, Optional<String> anonymousId, Optional<String> email) {}

  private static Validated<Identification> parse(JsonNode json) {
    if (!json.isObject()) return Validated.invalid("invalid_body", "identify takes a JSON object");
    Validated<String> sessionId = JsonFields.requiredId(json, "sessionId");
    if (!sessionId.isValid()) return sessionId.failure();
    Validated<String> userId = JsonFields.requiredId(json, "userId");
    if (!userId.isValid()) return userId.failure();
    Validated<Optional<String>> anonymousId = JsonFields.optionalId(json, "anonymousId");
    if (!anonymousId.isValid()) return anonymousId.failure();
    JsonNode traits = json.get("traits");
    if (traits != null && !traits.isNull() && !traits.isObject()) {
      return Validated.invalid("invalid_field", "traits must be a JSON object");
    }
    JsonNode email = traits == null ? null : traits.get("email");
    if (email != null && !email.isNull() && (!email.isTextual() || !EmailDomain.isValidAddress(email.asText()))) {
      return Validated.invalid("invalid_field", "traits.email must be an e-mail address");
    }
    Optional<String> address = email == null || email.isNull() ? Optional.empty() : Optional.of(email.asText());
    return Validated.valid(new Identification(sessionId.get(), userId.get(), anonymousId.get(), address));
  }

  private Route identify(String tenant, JsonNode json, Trace trace) {
    return ApiDirectives.onResult(answer(tenant, json, trace), r -> r);
  }

  /**
   * Validates an identify body and links the session, the anonymous id and the user: 200, 400 (invalid body) or 409
   * (the anonymous id belongs to another user; {@code session_owned}: the session has another user). Every
   * ingestion API identifies through here.
   */
  public CompletionStage<HttpResponse> answer(String tenant, JsonNode json, Trace trace) {
    Validated<Identification> parsed = parse(json);
    if (parsed instanceof Validated.Invalid<Identification> bad) {
      return CompletableFuture.completedFuture(Problems.badRequest(bad.code(), bad.message()));
    }
    Identification who = parsed.get();
    Instant now = clock.instant();
    String domain = who.email().flatMap(EmailDomain::of).orElse(null);
    String company = who.email().flatMap(EmailDomain::company).orElse(null);
    EntityRef<SessionCommand> session =
        sharding.entityRefFor(SessionCommand.ENTITY_TYPE, new TenantScopedId(tenant, who.sessionId()).entityId());
    // The session's owner first, then the anonymous id: a request either refuses is refused before anything changes.
    return session.<SessionView>askWithStatus(SessionCommand.GetSession::new, settings.askTimeout()).thenCompose(view -> {
      if (view.userId() != null && !view.userId().equals(who.userId())) {
        return CompletableFuture.completedFuture(sessionOwned(who.sessionId()));
      }
      return linked(tenant, who, trace).thenCompose(link -> {
        if (link.isError()) {
          return CompletableFuture.completedFuture(
              Problems.conflict("anonymousId " + who.anonymousId().get() + " is already linked to another user"));
        }
        // The user's entity records the session before the session takes the user: an erased user refuses (410)
        // before the session holds anything of theirs, and an erasure finds every session the user recorded.
        return identifyUser(tenant, who, domain, company, now, trace).thenCompose(identified -> session
            .<Done>askWithStatus(
                replyTo -> new SessionCommand.Identify(who.userId(), who.anonymousId().orElse(null), trace, replyTo),
                settings.askTimeout())
            .handle((done, failure) -> failure)
            .thenCompose(failure -> {
              if (failure == null) return CompletableFuture.completedFuture(identified);
              Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
              if (cause instanceof StatusReply.ErrorMessage e && Session.SESSION_OWNED.equals(e.getMessage())) {
                return CompletableFuture.completedFuture(sessionOwned(who.sessionId())); // claimed meanwhile
              }
              return CompletableFuture.failedFuture(cause);
            }));
      });
    });
  }

  private CompletionStage<StatusReply<Done>> linked(String tenant, Identification who, Trace trace) {
    if (who.anonymousId().isEmpty()) return CompletableFuture.completedFuture(StatusReply.ack());
    return sharding
        .entityRefFor(VisitorCommand.ENTITY_TYPE, new TenantScopedId(tenant, who.anonymousId().get()).entityId())
        .ask(replyTo -> new VisitorCommand.Link(who.userId(), trace, replyTo), settings.askTimeout());
  }

  private CompletionStage<HttpResponse> identifyUser(
      String tenant, Identification who, String domain, String company, Instant now, Trace trace) {
    return sharding
        .entityRefFor(UserCommand.ENTITY_TYPE, new TenantScopedId(tenant, who.userId()).entityId())
        .<Done>askWithStatus(
            replyTo -> new UserCommand.Identify(
                who.sessionId(), who.anonymousId().orElse(null), domain, company, now, trace, replyTo),
            settings.askTimeout())
        .thenApply(done -> Json.ok(body(who, company)));
  }

  /** A session has one user for good (the first it hears of): another user's identify is refused. */
  private static HttpResponse sessionOwned(String sessionId) {
    return Problems.response(Problem.of(409, "session_owned", "Conflict",
        "session " + sessionId + " belongs to another user; a session's user does not change"));
  }

  private static Map<String, Object> body(Identification who, String company) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sessionId", who.sessionId());
    body.put("userId", who.userId());
    body.put("anonymousId", who.anonymousId().orElse(null));
    body.put("company", company);
    return body;
  }
}
