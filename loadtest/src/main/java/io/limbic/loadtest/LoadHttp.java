package io.limbic.loadtest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The generator's HTTP/1.1 client to the node on 127.0.0.1: one Apache HttpClient 5 (classic, blocking) for the
 * whole process over a pool of keep-alive connections. A benchmark that says "N connections" runs N sender loops,
 * each of which sends its next request only after the previous response has been read ({@link #send}) on its own
 * thread, so at most N requests are in flight; the pool's bound (total and per route) follows the most sender threads
 * seen at once, so N loops keep at most N connections, which the pool reuses and replaces when one breaks.
 *
 * <p>Requests are described with the JDK's immutable {@link HttpRequest} (built by {@link #to}, {@link #get},
 * {@link #post}, {@link #put}, or by a caller with {@link HttpRequest#newBuilder}); only the bytes of an in-memory
 * body ({@code BodyPublishers.ofString} / {@code ofByteArray}) are sent. Failures keep the JDK client's exception
 * types: a refused connection is a {@link ConnectException}, a slow connect an {@link HttpConnectTimeoutException},
 * a reply slower than {@link #TIMEOUT} an {@link HttpTimeoutException}.
 */
final class LoadHttp {
  static final String HOST = "127.0.0.1";
  /** As long as the hand-written client's socket read timeout was: a reply slower than this counts as a failure. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final PoolingHttpClientConnectionManager POOL = PoolingHttpClientConnectionManagerBuilder.create()
      .setMaxConnTotal(1)
      .setMaxConnPerRoute(1)
      .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
      .setDefaultConnectionConfig(ConnectionConfig.custom()
          .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
          .setSocketTimeout(Timeout.of(TIMEOUT))
          // a pooled connection idle this long is checked before reuse (the node may have closed it meanwhile)
          .setValidateAfterInactivity(TimeValue.ofSeconds(1))
          .build())
      .build();
  private static final CloseableHttpClient CLIENT = HttpClients.custom()
      .setConnectionManager(POOL)
      .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(TIMEOUT)).build())
      // every failure counts: no retry, and nothing the node did not ask for
      .disableAutomaticRetries()
      .disableRedirectHandling()
      .disableCookieManagement()
      .disableAuthCaching()
      .disableContentCompression()
      .build();
  private static final AtomicInteger SENDING = new AtomicInteger();
  private static volatile int bound = 1;

  private LoadHttp() {}

  static URI uri(int port, String pathAndQuery) {
    return URI.create("http://" + HOST + ":" + port + pathAndQuery);
  }

  /** A request to the node with the API key and the timeout; the caller adds the method and the body. */
  static HttpRequest.Builder to(int port, String path, String key) {
    return HttpRequest.newBuilder(uri(port, path)).timeout(TIMEOUT).header("Authorization", "Bearer " + key);
  }

  static HttpRequest get(int port, String path, String key) {
    return to(port, path, key).GET().build();
  }

  static HttpRequest post(int port, String path, String key, String json) {
    return to(port, path, key).header("Content-Type", "application/json").POST(body(json)).build();
  }

  static HttpRequest put(int port, String path, String key, String json) {
    return to(port, path, key).header("Content-Type", "application/json").PUT(body(json)).build();
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
  }

  /** Sends and waits for the whole response, body as text (UTF-8 unless the reply names another charset). */
  static HttpResponse<String> send(HttpRequest request) throws IOException {
    return send(request, true);
  }

  /** Sends and waits for the response, its body read and dropped; returns the status code. */
  static int exchange(HttpRequest request) throws IOException {
    return send(request, false).statusCode();
  }

  private static HttpResponse<String> send(HttpRequest request, boolean keepBody) throws IOException {
    int sending = SENDING.incrementAndGet();
    try {
      if (sending > bound) widen(sending);
      return CLIENT.execute(apache(request), response -> reply(request, response, keepBody));
    } catch (ConnectTimeoutException e) {
      throw renamed(new HttpConnectTimeoutException(e.getMessage()), e);
    } catch (ConnectException e) {
      throw renamed(new ConnectException(e.getMessage()), e);
    } catch (SocketTimeoutException e) {
      throw renamed(new HttpTimeoutException("no reply within " + TIMEOUT.toSeconds() + " s"), e);
    } finally {
      SENDING.decrementAndGet();
    }
  }

  /** One more sender thread than ever before: one more connection allowed, so no sender waits for another's. */
  private static synchronized void widen(int sending) {
    if (sending <= bound) return;
    bound = sending;
    POOL.setMaxTotal(sending);
    POOL.setDefaultMaxPerRoute(sending);
  }

  private static IOException renamed(IOException as, IOException cause) {
    as.initCause(cause);
    return as;
  }

  private static HttpUriRequestBase apache(HttpRequest request) throws IOException {
    HttpUriRequestBase out = new HttpUriRequestBase(request.method(), request.uri());
    request.headers().map().forEach((name, values) -> values.forEach(value -> out.addHeader(name, value)));
    Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
    if (body.isPresent() && !"GET".equals(request.method())) {
      // no content type on the entity: the request's own Content-Type header is the one sent
      out.setEntity(new ByteArrayEntity(InMemoryBody.bytes(body.get()), null));
    }
    Optional<Duration> timeout = request.timeout();
    if (timeout.isPresent() && !timeout.get().equals(TIMEOUT)) {
      out.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout.get())).build());
    }
    return out;
  }

  private static HttpResponse<String> reply(HttpRequest request, ClassicHttpResponse response, boolean keepBody)
      throws IOException, HttpException {
    int status = response.getCode();
    if (!keepBody) {
      EntityUtils.consume(response.getEntity());
      return new Reply(request, status, HttpHeaders.of(Map.of(), (name, value) -> true), "");
    }
    HttpEntity entity = response.getEntity();
    String text = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Header header : response.getHeaders()) {
      headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
    }
    return new Reply(request, status, HttpHeaders.of(headers, (name, value) -> true), text);
  }

  /** A response as the benchmarks read it: status and body (and headers, for {@link #send}). */
  private record Reply(HttpRequest request, int statusCode, HttpHeaders headers, String body)
      implements HttpResponse<String> {
    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }

  /**
   * The bytes of an in-memory body publisher ({@code ofString}, {@code ofByteArray}), which hands them over on the
   * subscriber's own thread during {@code request}; a publisher that does not is refused rather than waited for.
   */
  private static final class InMemoryBody implements Flow.Subscriber<ByteBuffer> {
    private final List<ByteBuffer> parts = new ArrayList<>(1);
    private boolean complete;
    private Throwable failure;

    static byte[] bytes(HttpRequest.BodyPublisher publisher) throws IOException {
      InMemoryBody body = new InMemoryBody();
      publisher.subscribe(body);
      if (body.failure != null) throw new IOException("request body: " + body.failure, body.failure);
      if (!body.complete) throw new IOException("request body is not in memory: " + publisher);
      int size = 0;
      for (ByteBuffer part : body.parts) size += part.remaining();
      byte[] all = new byte[size];
      int at = 0;
      for (ByteBuffer part : body.parts) {
        int n = part.remaining();
        part.get(all, at, n);
        at += n;
      }
      return all;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer part) {
      parts.add(part);
    }

    @Override
    public void onError(Throwable error) {
      failure = error;
    }

    @Override
    public void onComplete() {
      complete = true;
    }
  }
}
