package io.limbic.projections.agents.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.limbic.projections.db.StoredJson;
import io.limbic.protocol.tenant.NotificationChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.CircuitBreaker;
import org.apache.pekko.pattern.Patterns;

/**
 * Sends notifications to channels over the JDK's HTTP client, one circuit breaker per channel (per tenant and
 * URL). A 429 or 503 with Retry-After holds that channel's next call until the time the receiver named.
 */
public final class ChannelDelivery {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** The receiver answered with a status other than 2xx. */
  public static final class ReceiverRefused extends RuntimeException {
    public ReceiverRefused(String message) {
      super(message);
    }
  }

  private static final class Channel {
    final CircuitBreaker breaker;
    final AtomicReference<Instant> notBefore = new AtomicReference<>();

    Channel(CircuitBreaker breaker) {
      this.breaker = breaker;
    }
  }

  private final ActorSystem<?> system;
  private final HttpClient http;
  private final ChannelSettings settings;
  private final Clock clock;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  public ChannelDelivery(ActorSystem<?> system, ChannelSettings settings, Clock clock) {
    this.system = system;
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public CompletionStage<Done> send(String tenant, NotificationChannel channel, Notification notification) {
    Channel state = channels.computeIfAbsent(key(tenant, channel), k -> newChannel());
    Instant now = clock.instant();
    Instant notBefore = state.notBefore.get();
    Duration wait = notBefore == null || !notBefore.isAfter(now) ? Duration.ZERO : Duration.between(now, notBefore);
    if (wait.compareTo(settings.maxRetryAfterWait()) > 0) {
      return CompletableFuture.failedFuture(
          new ReceiverRefused(channel.type().wireName() + " channel asked not to be called before " + notBefore));
    }
    byte[] body = body(channel, notification);
    if (wait.isZero()) return state.breaker.callWithCircuitBreakerCS(() -> post(state, channel, notification, body));
    return Patterns.after(
        wait, system, () -> state.breaker.callWithCircuitBreakerCS(() -> post(state, channel, notification, body)));
  }

  /**
   * Posts a body rendered by the caller (e.g. a signed intervention webhook) to {@code url} with the same breaker,
   * Retry-After handling and idempotency header as a notification; {@code headers} are added as given.
   */
  public CompletionStage<Done> post(
      String tenant, String url, String idempotencyKey, byte[] body, Map<String, String> headers) {
    Channel state = channels.computeIfAbsent(tenant + " raw " + url, k -> newChannel());
    Instant now = clock.instant();
    Instant notBefore = state.notBefore.get();
    Duration wait = notBefore == null || !notBefore.isAfter(now) ? Duration.ZERO : Duration.between(now, notBefore);
    if (wait.compareTo(settings.maxRetryAfterWait()) > 0) {
      return CompletableFuture.failedFuture(new ReceiverRefused(url + " asked not to be called before " + notBefore));
    }
    java.util.function.Supplier<CompletionStage<Done>> call = () -> state.breaker.callWithCircuitBreakerCS(() -> {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
          .timeout(settings.requestTimeout())
          .header("Content-Type", "application/json")
          .header(IDEMPOTENCY_KEY, idempotencyKey);
      headers.forEach(request::header);
      return http.sendAsync(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.discarding())
          .thenApply(response -> answered(state, response.statusCode(), response, url));
    });
    if (wait.isZero()) return call.get();
    return Patterns.after(wait, system, call::get);
  }

  /** Whether the channel's breaker is open: calls fail at once without reaching the receiver. */
  public boolean isOpen(String tenant, NotificationChannel channel) {
    Channel state = channels.get(key(tenant, channel));
    return state != null && state.breaker.isOpen();
  }

  /** When the receiver of this channel asked to be called again, if it did. */
  public Optional<Instant> notBefore(String tenant, NotificationChannel channel) {
    return Optional.ofNullable(channels.get(key(tenant, channel))).map(c -> c.notBefore.get());
  }

  private CompletionStage<Done> post(Channel state, NotificationChannel channel, Notification n, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(channel.url()))
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_KEY, n.idempotencyKey());
    if (n.correlationId() != null) request.header("X-Correlation-Id", n.correlationId());
    return http.sendAsync(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> answered(state, channel, response));
  }

  private Done answered(Channel state, NotificationChannel channel, HttpResponse<Void> response) {
    return answered(state, response.statusCode(), response, channel.type().wireName() + " channel");
  }

  private Done answered(Channel state, int status, HttpResponse<Void> response, String receiver) {
    if (status >= 200 && status < 300) return Done.getInstance();
    if (status == 429 || status == 503) {
      response.headers().firstValue("Retry-After")
          .flatMap(h -> RetryAfter.until(h, clock.instant()))
          .ifPresent(state.notBefore::set);
    }
    throw new ReceiverRefused(receiver + " answered " + status);
  }

  private Channel newChannel() {
    Duration callTimeout = settings.requestTimeout().plusSeconds(1);
    return new Channel(
        CircuitBreaker.create(
            Adapter.toClassic(system).scheduler(), settings.maxFailures(), callTimeout, settings.resetTimeout()));
  }

  private static String key(String tenant, NotificationChannel channel) {
    return tenant + " " + channel.type() + " " + channel.url();
  }

  static byte[] body(NotificationChannel channel, Notification notification) {
    Object payload =
        channel.type() == NotificationChannel.Type.SLACK
            ? Map.of("text", notification.summary() + " [" + notification.idempotencyKey() + "]")
            : notification;
    try {
      return StoredJson.MAPPER.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the notification", e);
    }
  }
}
