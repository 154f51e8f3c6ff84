package io.limbic.projections.agents.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.limbic.projections.db.StoredJson;
import io.limbic.projections.tracing.OutboundCalls;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
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

  /** The receiver answered with a status other than 2xx, or asked not to be called yet. */
  public static final class ReceiverRefused extends RuntimeException {
    private final int status;
    private final Instant notBefore;

    public ReceiverRefused(String message) {
      this(message, 0, null);
    }

    public ReceiverRefused(String message, int status, Instant notBefore) {
      super(message);
      this.status = status;
      this.notBefore = notBefore;
    }

    /** The HTTP status the receiver answered; 0 when the call was not made (the receiver's Retry-After holds it). */
    public int status() {
      return status;
    }

    /** When the receiver asked to be called again, if it did. */
    public Optional<Instant> notBefore() {
      return Optional.ofNullable(notBefore);
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
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(channel.url()))
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_KEY, notification.idempotencyKey());
    if (notification.correlationId() != null) request.header("X-Correlation-Id", notification.correlationId());
    HttpRequest post = request.POST(HttpRequest.BodyPublishers.ofByteArray(body(channel, notification))).build();
    return guarded(key(tenant, channel), channel.type().wireName() + " channel", post,
            HttpResponse.BodyHandlers.discarding(), (answer, failure) -> failure.isPresent())
        .thenApply(response -> Done.getInstance());
  }

  /**
   * Sends one request through the breaker and Retry-After hold of {@code receiver} (any name that identifies the
   * receiver; requests naming the same receiver share them). A 2xx answer completes the stage; any other status fails
   * it with {@link ReceiverRefused}. Only failures a later call can cure (no answer, 408, 429, 5xx) count towards
   * opening the breaker: a receiver that refuses one bad request stays closed for the others.
   */
  public <T> CompletionStage<HttpResponse<T>> exchange(
      String receiver, String what, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return guarded("exchange " + receiver, what, request, handler,
        (answer, failure) -> failure.map(ChannelDelivery::isTransient).orElse(false));
  }

  /**
   * Posts a body rendered by the caller (e.g. a signed intervention webhook) to {@code url} with the same breaker,
   * Retry-After handling and idempotency header as a notification; {@code headers} are added as given.
   */
  public CompletionStage<Done> post(
      String tenant, String url, String idempotencyKey, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .header(IDEMPOTENCY_KEY, idempotencyKey);
    headers.forEach(request::header);
    return exchange(tenant + " " + url, url, request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> Done.getInstance());
  }

  private static boolean isTransient(Throwable failure) {
    Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return !(e instanceof ReceiverRefused refused) || isTransient(refused.status());
  }

  /** Statuses that say the receiver may take the same request later. */
  public static boolean isTransient(int status) {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }

  /** The per-request timeout every request sent through here should carry. */
  public Duration requestTimeout() {
    return settings.requestTimeout();
  }

  private <T> CompletionStage<HttpResponse<T>> guarded(
      String key, String what, HttpRequest request, HttpResponse.BodyHandler<T> handler,
      BiFunction<Optional<HttpResponse<T>>, Optional<Throwable>, Boolean> isFailure) {
    Channel state = channels.computeIfAbsent(key, k -> newChannel());
    Instant now = clock.instant();
    Instant notBefore = state.notBefore.get();
    Duration wait = notBefore == null || !notBefore.isAfter(now) ? Duration.ZERO : Duration.between(now, notBefore);
    if (wait.compareTo(settings.maxRetryAfterWait()) > 0) {
      return CompletableFuture.failedFuture(
          new ReceiverRefused(what + " asked not to be called before " + notBefore, 0, notBefore));
    }
    Callable<CompletionStage<HttpResponse<T>>> call = () -> post(state, what, request, handler);
    if (wait.isZero()) return state.breaker.callWithCircuitBreakerCS(call, isFailure);
    return Patterns.after(wait, system, () -> state.breaker.callWithCircuitBreakerCS(call, isFailure));
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

  private <T> CompletionStage<HttpResponse<T>> post(
      Channel state, String what, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return OutboundCalls.send(request, IDEMPOTENCY_KEY, r -> http.sendAsync(r, handler))
        .thenApply(response -> answered(state, what, response));
  }

  private <T> HttpResponse<T> answered(Channel state, String what, HttpResponse<T> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) return response;
    Instant notBefore = null;
    if (status == 429 || status == 503) {
      notBefore = response.headers().firstValue("Retry-After")
          .flatMap(h -> RetryAfter.until(h, clock.instant()))
          .orElse(null);
      if (notBefore != null) state.notBefore.set(notBefore);
    }
    throw new ReceiverRefused(what + " answered " + status, status, notBefore);
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
