package io.limbic.cluster.http;

import io.limbic.protocol.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code X-Correlation-Id} on every request and response. A request may name the chain it belongs to (1 to 255
 * characters of letters, digits and {@code . _ - : + / = |}, so a chain an agent started, named after its event
 * {@code User|tenant/id:seq}, can be asked for too); without one a UUID is generated. Each request also gets
 * its own id, returned as {@code X-Request-Id}: it is the causation id of the events the request causes directly.
 * Both headers are on every response of the server, problems included.
 */
public final class Correlation {
  public static final String CORRELATION_HEADER = "X-Correlation-Id";
  public static final String REQUEST_HEADER = "X-Request-Id";
  public static final int MAX_LENGTH = 255;
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:+/=|-]{1," + MAX_LENGTH + "}");
  private static final AttributeKey<Trace> TRACE = AttributeKey.create("limbic-trace", Trace.class);

  private Correlation() {}

  /** Whether a client's correlation id is one the server accepts. */
  public static boolean isValid(String correlationId) {
    return correlationId != null && SAFE.matcher(correlationId).matches();
  }

  /**
   * Around the whole (sealed) API: reads or generates the correlation id, hands the request's trace to the routes
   * ({@link #trace}) and puts both ids on whatever the routes answer. A malformed or repeated header is a 400 (with
   * a generated correlation id, since the given one cannot be echoed).
   */
  public static Route around(Supplier<Route> inner) {
    return Directives.extractRequest(request -> traced(request, inner));
  }

  private static Route traced(HttpRequest request, Supplier<Route> inner) {
    String requestId = UUID.randomUUID().toString();
    List<String> given = new ArrayList<>(1);
    for (HttpHeader h : request.getHeaders()) if (h.is("x-correlation-id")) given.add(h.value());
    Optional<String> refusal =
        given.size() > 1
            ? Optional.of("send at most one " + CORRELATION_HEADER + " header")
            : given.size() == 1 && !isValid(given.get(0))
                ? Optional.of(
                    CORRELATION_HEADER + " must be 1 to " + MAX_LENGTH
                        + " characters of letters, digits and . _ - : + / =")
                : Optional.empty();
    String correlationId = given.size() == 1 && refusal.isEmpty() ? given.get(0) : UUID.randomUUID().toString();
    List<HttpHeader> ids =
        List.of(RawHeader.create(CORRELATION_HEADER, correlationId), RawHeader.create(REQUEST_HEADER, requestId));
    if (refusal.isPresent()) {
      return Directives.complete(Problems.badRequest("invalid_correlation_id", refusal.get()).addHeaders(ids));
    }
    Trace trace = Trace.ofRequest(correlationId, requestId);
    return Directives.respondWithHeaders(ids, () -> Directives.mapRequest(r -> r.addAttribute(TRACE, trace), inner));
  }

  /**
   * The routes within see {@code trace} as the request's trace instead (the same ids with the request's span as
   * {@code traceparent}, so commands sent to another node continue its trace).
   */
  public static Route withTrace(Trace trace, Supplier<Route> inner) {
    return Directives.mapRequest(r -> r.addAttribute(TRACE, trace), inner);
  }

  /** The trace of the request being served (null outside {@link #around}, as in route tests). */
  public static Route trace(Function<Trace, Route> inner) {
    return Directives.optionalAttribute(TRACE, trace -> inner.apply(trace.orElse(null)));
  }
}
