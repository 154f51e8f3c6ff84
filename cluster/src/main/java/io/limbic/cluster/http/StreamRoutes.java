package io.limbic.cluster.http;

import io.limbic.cluster.health.DatabaseGate;
import io.limbic.cluster.health.DatabaseHealth;
import io.limbic.protocol.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.session.TelemetryBatch;
import io.limbic.cluster.session.Session;
import io.limbic.cluster.session.SessionPushes;
import io.limbic.protocol.http.Problem;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.pattern.StatusReply;
import io.limbic.protocol.Ids;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.session.Arrival;
import io.limbic.protocol.session.IngestResult;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.session.SessionPush;
import io.limbic.protocol.session.TelemetryFrame;
import org.apache.pekko.util.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * {@code GET /v1/stream?sessionId=...}: one WebSocket per browser session. Each message is a telemetry batch, as
 * JSON text or in the SDK's binary framing ({@link TelemetryFrame}), and is answered with an ack (always JSON text); the next message is read only when the previous one was processed. The session
 * pushes emotion changes on the same socket, through its pub-sub topic ({@link SessionPushes}): they keep coming
 * when the session entity passivates, is rebalanced or moves to another node. Browsers cannot set headers on a WebSocket, so the key may also come
 * as {@code access_token}; the key needs the {@code ingest} role (else 403). A user token opens only a session of its
 * own user (another user's: 404), and a message of its naming another user is refused (403 {@code user_mismatch}).
 * A request that is no WebSocket upgrade is refused before it claims a session or counts against a rate.
 *
 * <p>Bounds ({@link StreamSettings}): a browser's {@code Origin} must be the node's own or one of the tenant's
 * allowed origins (else 403); at most so many sockets per session (else 429); a token bucket per socket (a message
 * over it gets a 429 error and is not processed, and a run of them closes the socket); a message that grows past
 * the size limit, or does not arrive whole in time, closes the socket at once, without reading the rest.
 * pekko-http 1.3 lets a handler end a socket only with close code 1000 (or 1011 by failing), so the reason is
 * sent first as an error message with {@code "closing": true}.
 */
public final class StreamRoutes {
  private static final int PUSH_BUFFER = 32;

  private final ActorSystem<?> system;
  private final SessionRoutes sessions;
  private final ApiKeys keys;
  private final StreamSettings settings;
  private final AllowedOrigins origins;
  private final Duration askTimeout;
  private final RateLimits limits;
  private final DatabaseHealth health;
  private final Duration credentialCheck;

  public StreamRoutes(ActorSystem<?> system, SessionRoutes sessions, ApiKeys keys, StreamSettings settings,
      AllowedOrigins origins, Duration askTimeout, RateLimits limits) {
    this.limits = limits;
    this.system = system;
    this.health = DatabaseHealth.get(system);
    this.credentialCheck = system.settings().config().getDuration("limbic.http.websocket.credential-check");
    this.sessions = sessions;
    this.keys = keys;
    this.settings = settings;
    this.origins = origins;
    this.askTimeout = askTimeout;
  }

  public Route route() {
    return Directives.path(
        "stream",
        () ->
            Directives.get(
                () ->
                    Correlation.trace(trace -> Directives.optionalHeaderValueByName(
                        "Authorization",
                        header ->
                            Directives.parameterOptional(
                                "access_token",
                                token ->
                                    Directives.optionalHeaderValueByName(
                                        "Origin",
                                        origin ->
                                            Directives.optionalHeaderValueByName(
                                                "Host",
                                                host -> authenticated(header, token, origin, host, trace))))))));
  }

  private Route authenticated(
      Optional<String> header, Optional<String> token, Optional<String> origin, Optional<String> host,
      Trace trace) {
    Optional<String> key = ApiDirectives.bearerKey(header).or(() -> token);
    // Verified once here; the open socket's checks then read its expiry and revocations, not its signature.
    Optional<ApiKeys.Checked> checked = key.map(keys::check);
    Optional<Caller> caller = checked.flatMap(c -> c.first().caller());
    if (caller.isEmpty()) {
      return Directives.complete(Problems.unauthorized("send Authorization: Bearer <api key> or access_token"));
    }
    Optional<String> user = caller.get().user();
    if (user.isEmpty() && !caller.get().may(Role.INGEST)) {
      return Directives.complete(GuardedRoutes.forbidden(Role.INGEST));
    }
    Optional<String> tenant = caller.map(Caller::tenant);
    boolean publishableFromItsPage =
        keys.publishable().find(key.get()).map(grant -> grant.allows(origin)).orElse(false);
    if (!publishableFromItsPage && !origins.allows(tenant.get(), origin, host.orElse(null))) {
      return Directives.complete(Problems.response(Problem.of(403, "origin_not_allowed", "Forbidden",
          "pages of " + origin.get() + " may not open this tenant's stream; see LIMBIC_ALLOWED_ORIGINS")));
    }
    // A WebSocket upgrade first: a plain GET neither claims a session nor takes from a budget.
    // The upgrade is one request of the tenant's and the key's budgets; the socket's messages have their own.
    // While the database is lost a socket does not open (503 database_unavailable at once, as on /v1).
    return Directives.extractWebSocketUpgrade(upgrade -> ApiDirectives.withinRate(limits, tenant.get(),
        ApiDirectives.budgetName(caller.get(), key.get()), () -> DatabaseGate.around(health, () -> Directives.parameterOptional(
        "sessionId",
        sessionId -> {
          if (sessionId.isEmpty() || !Ids.isValid(sessionId.get())) return Directives.complete(SessionRoutes.invalidSession());
          EntityRef<SessionCommand> session = sessions.session(tenant.get(), sessionId.get());
          // Subscribing counts the socket against the session's bound, so it happens only for a socket that opens.
          BooleanSupplier stillAuthenticated = () -> ApiDirectives.stillAuthenticated(checked.get(), caller.get());
          Supplier<Route> open =
              () -> subscribed(tenant.get(), sessionId.get(), session, upgrade, user, stillAuthenticated, trace);
          // A user token's socket: its own user's session only, claimed before it opens, so that no message can
          // make the session another user's (the first user a session hears of stays its user).
          if (user.isEmpty()) return open.get();
          return Directives.onComplete(sessions.claim(session, user.get(), trace), mine ->
              mine.isFailure() ? Directives.complete(Problems.unavailable("the session did not answer in time; retry"))
                  : mine.get() ? open.get() : Directives.complete(Problems.notFound("no session " + sessionId.get())));
        }))));
  }

  /**
   * Is counted by the session entity first, so that a socket over the session's bound is refused before it opens;
   * then joins the session's push topic on this node.
   */
  private Route subscribed(
      String tenant, String sessionId, EntityRef<SessionCommand> session, WebSocketUpgrade upgrade,
      Optional<String> user, BooleanSupplier stillAuthenticated, Trace trace) {
    Pair<ActorRef<SessionPush>, Source<SessionPush, NotUsed>> pushes =
        ActorSource.<SessionPush>actorRef(
                m -> false, m -> Optional.empty(), PUSH_BUFFER, OverflowStrategy.dropHead())
            .preMaterialize(system);
    ActorRef<SessionPush> subscriber = pushes.first();
    CompletionStage<HttpResponse> response =
        session
            .<Done>askWithStatus(
                r -> new SessionCommand.Subscribe(subscriber, settings.maxSocketsPerSession(), r), askTimeout)
            .handle((done, failure) -> {
              if (failure == null) {
                SessionPushes.get(system).subscribe(tenant, sessionId, subscriber);
                Source<SessionPush, NotUsed> own = pushes.second().filter(p -> answeredCensus(session, subscriber, p));
                return upgrade.handleMessagesWith(SocketCredential.checked(
                    socket(session, subscriber, own, user, trace), stillAuthenticated, credentialCheck));
              }
              stop(subscriber);
              Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
              if (cause instanceof StatusReply.ErrorMessage e && Session.TOO_MANY_SOCKETS.equals(e.getMessage())) {
                return Problems.response(Problem.of(429, "too_many_sockets", "Too many requests",
                    "at most " + settings.maxSocketsPerSession() + " open sockets per session; close one first"));
              }
              return Problems.unavailable("the session did not answer in time; retry");
            });
    return Directives.completeWithFuture(response);
  }

  /** A census from a new incarnation of the session is answered by counting this socket again, not shown. */
  private boolean answeredCensus(EntityRef<SessionCommand> session, ActorRef<SessionPush> subscriber, SessionPush push) {
    if (!SessionPush.isCensus(push)) return true;
    session.tell(new SessionCommand.Subscribe(subscriber, settings.maxSocketsPerSession(), system.ignoreRef()));
    return false;
  }

  private void stop(ActorRef<SessionPush> subscriber) {
    system.classicSystem().stop(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(subscriber));
  }

  /**
   * The socket's messages, one at a time. Each handled message is a request of its own within the upgrade's chain:
   * its causation id is the upgrade's request id followed by {@code #n} (1, 2, ... in the order handled).
   */
  private Flow<Message, Message, NotUsed> socket(
      EntityRef<SessionCommand> session, ActorRef<SessionPush> subscriber, Source<SessionPush, NotUsed> pushes,
      Optional<String> user, Trace trace) {
    long[] handled = {0};
    Source<Message, NotUsed> pushed = pushes.map(p -> (Message) TextMessage.create(Json.MAPPER.writeValueAsString(p)));
    MessageRate rate = new MessageRate(settings.messagesPerSecond(), settings.burst(), System.nanoTime());
    int[] overRateInARow = {0};
    return Flow.of(Message.class)
        .map(message -> new Arrived(message, rate.tryTake(System.nanoTime()), Arrival.now()))
        .mapAsync(1, this::read)
        .mapAsync(1, incoming -> reply(session, user, incoming, overRateInARow, trace, handled))
        .takeWhile(reply -> !reply.closes(), true)
        .map(reply -> (Message) TextMessage.create(reply.text()))
        .merge(pushed, true)
        .watchTermination(
            (notUsed, done) -> {
              done.whenComplete((d, failure) -> {
                session.tell(new SessionCommand.Unsubscribe(subscriber));
                stop(subscriber);
              });
              return NotUsed.getInstance();
            });
  }

  /** A message as it came off the socket, before it is read whole: {@code at} starts its detection latency. */
  private record Arrived(Message message, boolean withinRate, Arrival at) {}

  private enum Kind { TEXT, BINARY, TOO_BIG, TOO_SLOW, BROKEN }

  private record Incoming(Kind kind, String text, byte[] bytes, boolean withinRate, Arrival at) {}

  private record Reply(String text, boolean closes) {}

  private static final class TooBig extends RuntimeException {
    TooBig() {
      super("message too big", null, false, false);
    }
  }

  /**
   * Reads the message whole, failing as soon as it passes the size limit or the time limit. A message that came in
   * one frame (pekko-http hands it over strict, the usual case) is taken as it is: no stream is run for it.
   */
  private CompletionStage<Incoming> read(Arrived arrival) {
    int max = settings.maxMessageChars();
    Message message = arrival.message();
    Incoming strict = strict(arrival, max);
    if (strict != null) return CompletableFuture.completedFuture(strict);
    Materializer materializer = Materializer.matFromSystem(system);
    CompletionStage<Object> whole;
    if (message.isText()) {
      whole = message.asTextMessage().getStreamedText()
          .completionTimeout(settings.messageTimeout())
          .runFold(new StringBuilder(), (sb, part) -> {
            if (sb.length() + part.length() > max) throw new TooBig();
            return sb.append(part);
          }, materializer)
          .thenApply(StringBuilder::toString);
    } else {
      whole = message.asBinaryMessage().getStreamedData()
          .completionTimeout(settings.messageTimeout())
          .runFold(ByteString.emptyByteString(), (sb, part) -> {
            if (sb.size() + part.size() > max) throw new TooBig();
            return sb.concat(part);
          }, materializer)
          .thenApply(ByteString::toArray);
    }
    return whole.handle((read, failure) -> {
      if (failure == null && read instanceof String text) {
        return new Incoming(Kind.TEXT, text, null, arrival.withinRate(), arrival.at());
      }
      if (failure == null) return new Incoming(Kind.BINARY, null, (byte[]) read, arrival.withinRate(), arrival.at());
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      Kind kind = cause instanceof TooBig ? Kind.TOO_BIG : cause instanceof TimeoutException ? Kind.TOO_SLOW : Kind.BROKEN;
      return new Incoming(kind, null, null, arrival.withinRate(), arrival.at());
    });
  }

  /** The message when it is already whole; null when it still streams. */
  private static Incoming strict(Arrived arrival, int max) {
    Message message = arrival.message();
    if (message.isText() && message.asTextMessage().isStrict()) {
      String text = message.asTextMessage().getStrictText();
      Kind kind = text.length() > max ? Kind.TOO_BIG : Kind.TEXT;
      return new Incoming(kind, kind == Kind.TEXT ? text : null, null, arrival.withinRate(), arrival.at());
    }
    if (!message.isText() && message.asBinaryMessage().isStrict()) {
      ByteString data = message.asBinaryMessage().getStrictData();
      Kind kind = data.size() > max ? Kind.TOO_BIG : Kind.BINARY;
      return new Incoming(kind, null, kind == Kind.BINARY ? data.toArray() : null, arrival.withinRate(), arrival.at());
    }
    return null;
  }

  private CompletionStage<Reply> reply(
      EntityRef<SessionCommand> session, Optional<String> user, Incoming in, int[] overRateInARow, Trace trace,
      long[] handled) {
    switch (in.kind()) {
      case TOO_BIG:
        return closing(error(413, "too_large", "a message is at most " + settings.maxMessageChars()
            + " characters; the socket is closed"));
      case TOO_SLOW:
        return closing(error(408, "message_timeout", "a message must arrive whole within "
            + settings.messageTimeout().toMillis() + " ms; the socket is closed"));
      case BROKEN:
        return closing(error(400, "broken_message", "the message could not be read; the socket is closed"));
      default:
        break;
    }
    if (!in.withinRate()) {
      overRateInARow[0]++;
      String rule = "at most " + settings.messagesPerSecond() + " messages/s with a burst of " + settings.burst();
      if (overRateInARow[0] >= settings.refusalsBeforeClose()) {
        return closing(error(429, "rate_limited", rule + "; too many over it in a row, the socket is closed"));
      }
      return open(error(429, "rate_limited", rule + "; this message was not processed"));
    }
    overRateInARow[0] = 0;
    if (health.isLost()) {
      // An open socket stays open through an outage; its messages are refused at once, not after the ask timeout.
      health.refused();
      return open(error(503, "database_unavailable", "the database is unreachable; this message was not "
          + "processed; resend it later"));
    }
    Trace message =
        trace == null ? null : Trace.ofRequest(trace.correlationId(), trace.causationId() + "#" + ++handled[0]);
    CompletionStage<String> answer =
        in.kind() == Kind.BINARY ? handleFrame(session, user, in.bytes(), message, in.at())
            : handle(session, user, in.text(), message, in.at());
    return answer.thenApply(text -> new Reply(text, false));
  }

  private static CompletionStage<Reply> closing(String text) {
    return CompletableFuture.completedFuture(new Reply(text.substring(0, text.length() - 1) + ",\"closing\":true}", true));
  }

  private static CompletionStage<Reply> open(String text) {
    return CompletableFuture.completedFuture(new Reply(text, false));
  }

  private CompletionStage<String> handle(
      EntityRef<SessionCommand> session, Optional<String> user, String text, Trace trace, Arrival at) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return done(error(400, "malformed_json", "the message is not valid JSON"));
    }
    return ingest(session, user, TelemetryBatch.parse(json, SessionRoutes.MAX_SAMPLES), trace, at);
  }

  /** A batch in the SDK's binary framing ({@link TelemetryFrame}); a frame off its layout is refused whole. */
  private CompletionStage<String> handleFrame(
      EntityRef<SessionCommand> session, Optional<String> user, byte[] bytes, Trace trace, Arrival at) {
    TelemetryFrame frame;
    try {
      frame = TelemetryFrame.decode(bytes);
    } catch (TelemetryFrame.Malformed e) {
      return done(error(400, "malformed_frame", "the binary message does not follow the telemetry framing: "
          + e.getMessage()));
    }
    return ingest(session, user, TelemetryBatch.fromFrame(frame, SessionRoutes.MAX_SAMPLES), trace, at);
  }

  /** A user token's socket sends its own user's telemetry only: a message naming another user is 403, not sent. */
  private CompletionStage<String> ingest(EntityRef<SessionCommand> session, Optional<String> user,
      Validated<TelemetryBatch> parsed, Trace trace, Arrival at) {
    if (parsed instanceof Validated.Invalid<TelemetryBatch> bad) {
      int status = bad.code().equals(TelemetryBatch.TOO_MANY) ? 413 : 400;
      return done(error(status, bad.code(), bad.message()));
    }
    TelemetryBatch batch = parsed.get();
    if (user.isPresent() && batch.userId().isPresent() && !batch.userId().get().equals(user.get())) {
      return done(error(403, UserScope.USER_MISMATCH, "a user token sends its own user's telemetry only; "
          + "this message was not processed"));
    }
    if (user.isPresent()) {
      batch = new TelemetryBatch(user, batch.samples(), batch.indices(), batch.errors(), batch.capabilities());
    }
    return sessions.ingest(session, batch, trace, at)
        .handle((result, failure) -> failure == null ? ack(result) : error(503, "unavailable", "the session did not answer in time; resend"));
  }

  private static String ack(IngestResult result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "ack");
    body.put("accepted", result.accepted());
    body.put("rejected", result.rejected());
    body.put("errors", result.errors());
    return new String(Json.bytes(body), StandardCharsets.UTF_8);
  }

  private static String error(int status, String code, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "error");
    body.put("status", status);
    body.put("code", code);
    body.put("detail", detail);
    return new String(Json.bytes(body), StandardCharsets.UTF_8);
  }

  private static CompletionStage<String> done(String reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
