package io.limbic.cluster.http;

import io.limbic.analytics.forensics.EmotionReading;
import io.limbic.projections.forensics.ForensicsRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What sessions feel now, from the {@code emotion_readings} read model (it trails the sessions by the projection's
 * lag, about a second): {@code GET /v1/sessions?activeWithin=PT15M} lists the sessions with an emotion in the
 * window, each with its latest one, newest first; {@code GET /v1/emotions/stream} is a server-sent event stream
 * ({@code event: emotion}) of each new emotion, read from the read model every {@code interval}. A reading that
 * reaches the read model more than {@link #LATE} after it happened is not pushed (the list still shows it). A
 * failed read ends the stream (the browser's EventSource reconnects by itself). The caller's credential is checked
 * again before every read: a revoked key or an expired dashboard session ends the stream. Each key holds at most
 * {@code limbic.http.max-streams-per-key} streams open on a node; one more is 429.
 */
public final class LiveEmotionRoutes {
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
  static final Duration MAX_WINDOW = Duration.ofHours(24);
  static final Duration LATE = Duration.ofSeconds(30);
  static final int MAX_READINGS = 2000;
  static final int MAX_SESSIONS = 100;
  static final int BATCH = 200;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Logger log = LoggerFactory.getLogger(LiveEmotionRoutes.class);

  private final ForensicsRepository readings;
  private final Executor blocking;
  private final Clock clock;
  private final Duration interval;
  private final ApiKeys keys;
  private final OpenStreams streams;
  static final int STREAM_RETRY_AFTER_SECONDS = 10;

  public LiveEmotionRoutes(ForensicsRepository readings, Executor blocking, Clock clock, Duration interval,
      ApiKeys keys, int maxStreamsPerKey) {
    this.readings = readings;
    this.blocking = blocking;
    this.clock = clock;
    this.interval = interval;
    this.keys = keys;
    this.streams = new OpenStreams(maxStreamsPerKey);
  }

  public Route routes(Caller caller) {
    String tenant = caller.tenant();
    return Directives.concat(
        Directives.path("sessions", () -> Directives.get(() -> window("activeWithin", w -> sessions(tenant, w)))),
        Directives.path(PathMatchers.segment("emotions").slash("stream"),
            () -> Directives.get(() -> window("since", w -> Directives.extractRequest(
                request -> stream(caller, request, w))))));
  }

  /** The key a caller's streams count against: a dashboard session's is the key it was opened with. */
  private static String streamKey(Caller caller) {
    return caller.tenant() + "|" + caller.name().replaceFirst("^dashboard:", "");
  }

  private static Route window(String name, Function<Duration, Route> inner) {
    return Directives.parameterOptional(name, text -> {
      Duration window;
      try {
        window = text.map(Duration::parse).orElse(DEFAULT_WINDOW);
      } catch (DateTimeParseException e) {
        return Directives.complete(
            Problems.badRequest("invalid_parameter", name + " must be an ISO-8601 duration such as PT15M"));
      }
      if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
        return Directives.complete(Problems.badRequest("invalid_parameter", name + " must be positive and at most PT24H"));
      }
      return inner.apply(window);
    });
  }

  private Route sessions(String tenant, Duration window) {
    Instant now = clock.instant();
    CompletableFuture<Map<String, Object>> body = CompletableFuture.supplyAsync(() -> {
      List<EmotionReading> latest = query(() -> readings.latestReadings(tenant, now.minus(window), now.plus(LATE),
          MAX_READINGS));
      Map<String, Map<String, Object>> bySession = new LinkedHashMap<>();
      Map<String, Integer> counts = new HashMap<>();
      for (EmotionReading r : latest) {
        counts.merge(r.sessionId(), 1, Integer::sum);
        if (!bySession.containsKey(r.sessionId()) && bySession.size() < MAX_SESSIONS) {
          bySession.put(r.sessionId(), reading(r));
        }
      }
      bySession.forEach((id, m) -> m.put("readings", counts.get(id)));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("activeWithin", window.toString());
      m.put("count", bySession.size());
      m.put("truncated", latest.size() >= MAX_READINGS || counts.size() > MAX_SESSIONS);
      m.put("sessions", new ArrayList<>(bySession.values()));
      return m;
    }, blocking);
    return ApiDirectives.onResult(body, Json::ok);
  }

  private Route stream(Caller caller, org.apache.pekko.http.javadsl.model.HttpRequest request, Duration since) {
    String tenant = caller.tenant();
    String key = streamKey(caller);
    Optional<OpenStreams.Place> place = streams.tryOpen(key);
    if (place.isEmpty()) {
      return Directives.complete(Problems.tooManyRequests("too_many_streams", "this key holds "
          + streams.maxPerKey() + " emotion streams open on this node already (limbic.http.max-streams-per-key):"
          + " close one or retry later", STREAM_RETRY_AFTER_SECONDS));
    }
    Cursor cursor = new Cursor(clock.instant().minus(since));
    Source<ServerSentEvent, NotUsed> events = Source.tick(Duration.ZERO, interval, "tick")
        // Authenticated at open, and again before every read: a revoked key or expired session ends the stream.
        .takeWhile(tick -> ApiDirectives.stillAuthenticated(keys, request, caller))
        .mapAsync(1, tick -> next(tenant, cursor))
        // A failed read (the pool closing at shutdown, the database away) ends the stream; EventSource reconnects.
        .takeWhile(Optional::isPresent)
        .mapConcat(Optional::get)
        .keepAlive(KEEP_ALIVE, ServerSentEvent::heartbeat)
        .mapMaterializedValue(cancellable -> {
          place.get().started();
          return NotUsed.getInstance();
        })
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ended, failure) -> place.get().close());
          return notUsed;
        });
    return Directives.completeOK(events, EventStreamMarshalling.toEventStream());
  }

  /** The readings not sent yet, oldest first; runs one at a time per stream (mapAsync 1). */
  private CompletionStage<Optional<List<ServerSentEvent>>> next(String tenant, Cursor cursor) {
    return CompletableFuture.supplyAsync(() -> {
      Instant now = clock.instant();
      List<EmotionReading> fresh;
      try {
        fresh = readings.readings(tenant, cursor.from(), now.plus(LATE), BATCH);
      } catch (SQLException | RuntimeException e) {
        log.info("the emotion stream of tenant {} ends: {}", tenant, e.getMessage());
        return Optional.empty();
      }
      List<ServerSentEvent> out = new ArrayList<>();
      for (EmotionReading r : fresh) {
        if (cursor.sent(r)) continue;
        out.add(ServerSentEvent.create(new String(Json.bytes(reading(r)), java.nio.charset.StandardCharsets.UTF_8),
            "emotion", r.readingId()));
      }
      cursor.advance(now, fresh, BATCH);
      return Optional.of(out);
    }, blocking);
  }

  /** Where a stream stands: readings from {@code from} on are looked at, those already sent are skipped. */
  static final class Cursor {
    private Instant start;
    private final Map<String, Instant> sent = new HashMap<>();

    Cursor(Instant start) {
      this.start = start;
    }

    Instant from() {
      return start;
    }

    /** Marks the reading sent; true if it had been. */
    boolean sent(EmotionReading r) {
      return sent.put(r.readingId(), r.at()) != null;
    }

    /**
     * After a read of at most {@code limit} readings ({@code page}, oldest first): a full page means more may wait,
     * so the next read starts at the last reading's time (those sent at that instant are skipped); otherwise it
     * looks back {@link #LATE} from now at most. What was sent before the new start is forgotten. Without the first
     * rule a tenant with more than {@code limit} readings in {@link #LATE} got the same page on every tick.
     */
    void advance(Instant now, List<EmotionReading> page, int limit) {
      Instant next = page.size() >= limit ? page.get(page.size() - 1).at() : now.minus(LATE);
      if (next.isAfter(start)) start = next;
      sent.values().removeIf(at -> at.isBefore(start));
    }
  }

  private static Map<String, Object> reading(EmotionReading r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("readingId", r.readingId());
    m.put("sessionId", r.sessionId());
    m.put("userId", r.userId());
    m.put("state", r.state());
    m.put("confidence", r.confidence());
    m.put("page", r.page());
    m.put("at", r.at().toString());
    return m;
  }

  private static <T> T query(SqlCall<T> call) {
    return SqlCall.now("emotion readings query", call);
  }
}
