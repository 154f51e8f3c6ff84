package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.protocol.session.Arrival;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrival that detection latency starts from is stamped by the outermost directive: before the routes inside
 * run, before the body is pulled from the connection and before it is parsed (compared on the monotonic clock).
 */
class ArrivalsTest {
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void theStampPrecedesTheInnerRoutesTheBodyAndItsParsing() throws Exception {
    AtomicLong innerRouteAt = new AtomicLong();
    AtomicLong bodyPulledAt = new AtomicLong();
    AtomicLong parsedAt = new AtomicLong();
    AtomicReference<Arrival> seen = new AtomicReference<>();
    Route route = Arrivals.stamped(() -> Directives.extractRequest(request -> {
      innerRouteAt.set(System.nanoTime());
      return Arrivals.arrival(arrival -> ApiDirectives.jsonBody(1024, json -> {
        parsedAt.set(System.nanoTime());
        seen.set(arrival);
        return Directives.complete(json.path("samples").size() + " samples");
      }));
    }));
    Source<ByteString, ?> body = Source.single("{\"samples\": [{}, {}]}")
        .map(text -> {
          bodyPulledAt.set(System.nanoTime());
          return ByteString.fromString(text, StandardCharsets.UTF_8);
        });
    HttpRequest request = HttpRequest.create("/telemetry").withMethod(HttpMethods.POST)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));

    HttpResponse response =
        route.handler(testKit.system()).apply(request).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(200, response.status().intValue());
    Arrival arrival = seen.get();
    assertTrue(arrival.nanos() <= innerRouteAt.get(), "stamped before the routes inside it run");
    assertTrue(innerRouteAt.get() <= bodyPulledAt.get(), "the body is pulled after the stamp");
    assertTrue(bodyPulledAt.get() <= parsedAt.get(), "and parsed after it was pulled");
    assertEquals(arrival.nanos(), arrival.localNanos(), "on the node that stamped it, its own monotonic clock");
  }

  @Test
  void anArrivalFromAnotherNodeIsReadOnTheWallClocksAndNeverInTheFuture() {
    Arrival here = Arrival.now();
    Arrival elsewhere = new Arrival(here.jvm() + 1, here.nanos() + 1_000_000_000_000L, here.epochMicros() + 60_000_000);
    assertTrue(elsewhere.localNanos() <= System.nanoTime(), "a clock ahead of ours counts as no time at all");
  }
}
