package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.cluster.session.TelemetryBatch;
import io.limbic.projections.http.ApiDirectives;
import io.limbic.projections.http.ApiKeys;
import io.limbic.projections.http.Json;
import io.limbic.projections.http.Problems;
import io.limbic.protocol.Ids;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.session.IngestResult;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.session.SessionPush;
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
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * {@code GET /v1/stream?sessionId=...}: one WebSocket per browser session. Each text message is a telemetry batch
 * and is answered with an ack; the next message is read only when the previous one was processed, so a client that
 * floods is slowed by TCP instead of filling memory. The session pushes emotion changes on the same socket.
 * Browsers cannot set headers on a WebSocket, so the key may also come as {@code access_token}.
 */
public final class StreamRoutes {
  private static final int MAX_MESSAGE_CHARS = 256 * 1024;
  private static final int PUSH_BUFFER = 32;

  private final ActorSystem<?> system;
  private final SessionRoutes sessions;
  private final ApiKeys keys;

  public StreamRoutes(ActorSystem<?> system, SessionRoutes sessions, ApiKeys keys) {
    this.system = system;
    this.sessions = sessions;
    this.keys = keys;
  }

  public Route route() {
    return Directives.path(
        "stream",
        () ->
            Directives.get(
                () ->
                    Directives.optionalHeaderValueByName(
                        "Authorization",
                        header ->
                            Directives.parameterOptional(
                                "access_token", token -> authenticated(header, token)))));
  }

  private Route authenticated(Optional<String> header, Optional<String> token) {
    Optional<String> key = ApiDirectives.bearerKey(header).or(() -> token);
    Optional<String> tenant = key.flatMap(keys::tenantOf);
    if (tenant.isEmpty()) {
      return Directives.complete(Problems.unauthorized("send Authorization: Bearer <api key> or access_token"));
    }
    return Directives.parameterOptional(
        "sessionId",
        sessionId -> {
          if (sessionId.isEmpty() || !Ids.isValid(sessionId.get())) return Directives.complete(SessionRoutes.invalidSession());
          return Directives.handleWebSocketMessages(socket(sessions.session(tenant.get(), sessionId.get())));
        });
  }

  private Flow<Message, Message, NotUsed> socket(EntityRef<SessionCommand> session) {
    Pair<ActorRef<SessionPush>, Source<SessionPush, NotUsed>> pushes =
        ActorSource.<SessionPush>actorRef(
                m -> false, m -> Optional.empty(), PUSH_BUFFER, OverflowStrategy.dropHead())
            .preMaterialize(system);
    ActorRef<SessionPush> subscriber = pushes.first();
    session.tell(new SessionCommand.Subscribe(subscriber));
    Source<Message, NotUsed> pushed = pushes.second().map(p -> (Message) TextMessage.create(Json.MAPPER.writeValueAsString(p)));
    return Flow.of(Message.class)
        .mapAsync(1, this::text)
        .mapAsync(1, text -> handle(session, text))
        .map(reply -> (Message) TextMessage.create(reply))
        .merge(pushed, true)
        .watchTermination(
            (notUsed, done) -> {
              done.whenComplete((d, failure) -> {
                session.tell(new SessionCommand.Unsubscribe(subscriber));
                system.classicSystem().stop(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(subscriber));
              });
              return NotUsed.getInstance();
            });
  }

  /** The message's text, or null if it is binary or too long (its bytes are drained either way). */
  private CompletionStage<Optional<String>> text(Message message) {
    Materializer materializer = Materializer.matFromSystem(system);
    if (!message.isText()) {
      return message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer)
          .thenApply(done -> Optional.empty());
    }
    return message.asTextMessage().getStreamedText()
        .runFold(new StringBuilder(), (sb, part) -> sb.length() > MAX_MESSAGE_CHARS ? sb : sb.append(part), materializer)
        .thenApply(sb -> sb.length() > MAX_MESSAGE_CHARS ? Optional.<String>empty() : Optional.of(sb.toString()));
  }

  private CompletionStage<String> handle(EntityRef<SessionCommand> session, Optional<String> text) {
    if (text.isEmpty()) return done(error(413, "too_large", "messages are text of at most 256 KiB"));
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(text.get().getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return done(error(400, "malformed_json", "the message is not valid JSON"));
    }
    Validated<TelemetryBatch> batch = TelemetryBatch.parse(json, SessionRoutes.MAX_SAMPLES);
    if (batch instanceof Validated.Invalid<TelemetryBatch> bad) {
      int status = bad.code().equals(TelemetryBatch.TOO_MANY) ? 413 : 400;
      return done(error(status, bad.code(), bad.message()));
    }
    return sessions.ingest(session, batch.get())
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
