package io.limbic.projections.agents.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.limbic.protocol.tenant.NotificationChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The breaker and Retry-After wiring of one channel, against a local HTTP server. */
class ChannelDeliveryTest {
  private final ActorTestKit testKit = ActorTestKit.create();
  private final AtomicInteger status = new AtomicInteger(500);
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final List<String> slackBodies = new CopyOnWriteArrayList<>();
  private volatile String retryAfter;
  private HttpServer server;
  private ChannelDelivery delivery;
  private NotificationChannel channel;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      if (exchange.getRequestURI().getPath().equals("/slack")) slackBodies.add(body);
      if (retryAfter != null) exchange.getResponseHeaders().add("Retry-After", retryAfter);
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    server.start();
    channel = new NotificationChannel(NotificationChannel.Type.WEBHOOK, url("/hook"));
    delivery = new ChannelDelivery(testKit.system(),
        new ChannelSettings(Duration.ofSeconds(5), 2, Duration.ofSeconds(3), Duration.ofSeconds(5)),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.stop(0);
    testKit.shutdownTestKit();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static Notification notification(String key) {
    return new Notification(key, "acme", "churn", "u1", null, Instant.parse("2026-01-01T00:00:00Z"),
        "User u1 churned (c1)", null, null, null, List.of("c1"), null, "corr-1", key);
  }

  private void awaitOpen(NotificationChannel c) {
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertTrue(delivery.isOpen("acme", c), "the breaker opened");
      return null;
    });
  }

  private Throwable failure(NotificationChannel c) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> delivery.send("acme", c, notification("User|acme/u1:7")).toCompletableFuture().join());
    return e.getCause();
  }

  @Test
  void theBreakerOpensAfterMaxFailuresAndHalfOpensAfterTheResetTimeout() {
    assertInstanceOf(ChannelDelivery.ReceiverRefused.class, failure(channel));
    assertInstanceOf(ChannelDelivery.ReceiverRefused.class, failure(channel));
    assertEquals(2, keys.size());
    // The breaker counts a failure in its own callback on the call's future, which may run after the caller's.
    awaitOpen(channel);
    assertInstanceOf(CircuitBreakerOpenException.class, failure(channel));
    assertEquals(2, keys.size(), "an open breaker does not call the receiver");
    status.set(200);
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      delivery.send("acme", channel, notification("User|acme/u1:7")).toCompletableFuture().join();
      return null;
    });
    assertEquals(List.of("User|acme/u1:7", "User|acme/u1:7", "User|acme/u1:7"), keys, "one trial call, then closed");
  }

  @Test
  void breakersArePerChannel() {
    failure(channel);
    failure(channel);
    awaitOpen(channel);
    assertInstanceOf(CircuitBreakerOpenException.class, failure(channel));
    NotificationChannel other = new NotificationChannel(NotificationChannel.Type.WEBHOOK, url("/other"));
    status.set(200);
    delivery.send("acme", other, notification("User|acme/u1:8")).toCompletableFuture().join();
  }

  @Test
  void retryAfterHoldsTheNextCallOfThatChannel() {
    status.set(429);
    retryAfter = "1";
    Instant before = Instant.now();
    failure(channel);
    Instant notBefore = delivery.notBefore("acme", channel).orElseThrow();
    assertTrue(!notBefore.isBefore(before.plusSeconds(1)), "held until " + notBefore);
    status.set(200);
    retryAfter = null;
    delivery.send("acme", channel, notification("User|acme/u1:7")).toCompletableFuture().join();
    assertTrue(!Instant.now().isBefore(notBefore), "the next call waited for the receiver's Retry-After");
  }

  @Test
  void slackGetsItsIncomingWebhookFormat() {
    status.set(200);
    NotificationChannel slack = new NotificationChannel(NotificationChannel.Type.SLACK, url("/slack"));
    delivery.send("acme", slack, notification("User|acme/u1:7")).toCompletableFuture().join();
    assertEquals(List.of("{\"text\":\"User u1 churned (c1) [User|acme/u1:7]\"}"), slackBodies);
  }
}
