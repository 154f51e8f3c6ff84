package io.limbic.cluster.metrics;

import io.limbic.cluster.http.Correlation;
import io.limbic.cluster.tracing.LimbicTracing;
import io.limbic.projections.tracing.TraceParents;
import io.limbic.protocol.trace.Trace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Every API request as a timer ({@code limbic_http_server_requests_seconds}, by route template, method and status
 * class) and, with tracing on, a server span named {@code METHOD template} carrying the correlation id. A
 * {@code traceparent} the caller sent makes the span its child. The span is remembered under the request id, the
 * causation id of the commands the request sends, so the entities continue the trace. Inside {@link Correlation}
 * (it reads the request's trace) and outside the problem handlers (it sees the final status).
 */
public final class RequestTelemetry {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("limbic.request_id");
  private static final TextMapGetter<HttpRequest> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(HttpRequest request) {
      List<String> names = new ArrayList<>();
      for (HttpHeader h : request.getHeaders()) names.add(h.lowercaseName());
      return names;
    }

    @Override
    public String get(HttpRequest request, String key) {
      return request == null ? null : request.getHeader(key).map(HttpHeader::value).orElse(null);
    }
  };

  private record Series(String route, String method, String status) {}

  private final MeterRegistry registry;
  private final RouteTemplates routes;
  private final Tracer tracer;
  private final boolean tracing;
  private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

  RequestTelemetry(MeterRegistry registry, RouteTemplates routes, LimbicTracing tracing) {
    this.registry = registry;
    this.routes = routes;
    this.tracer = tracing.tracer();
    this.tracing = tracing.enabled();
  }

  public static RequestTelemetry of(ActorSystem<?> system) {
    return new RequestTelemetry(LimbicMetrics.get(system).registry(), RouteTemplates.fromOpenApi(),
        LimbicTracing.get(system));
  }

  public Route around(Supplier<Route> inner) {
    return Directives.extractRequest(request -> Correlation.trace(trace -> measured(request, trace, inner)));
  }

  private Route measured(HttpRequest request, Trace trace, Supplier<Route> inner) {
    long startedAt = System.nanoTime();
    String route = routes.of(request.getUri().path());
    String method = METHODS.contains(request.method().value()) ? request.method().value() : "OTHER";
    Span span = tracing ? serverSpan(request, trace, method, route) : null;
    // With a span, the commands the request sends carry it as traceparent (README "Metrics and traces"): an entity
    // on another node, which does not know the request id, continues the trace from it. Without one, nothing.
    Supplier<Route> routes = span == null || trace == null ? inner
        : () -> Correlation.withTrace(trace.withTraceparent(TraceParents.traceparent(span.getSpanContext())), inner);
    return Directives.mapResponse(response -> {
      timer(route, method, response).record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
      if (span != null) {
        span.setAttribute(STATUS, (long) response.status().intValue());
        if (response.status().intValue() >= 500) span.setStatus(StatusCode.ERROR);
        span.end();
      }
      return response;
    }, routes);
  }

  private Span serverSpan(HttpRequest request, Trace trace, String method, String route) {
    Context caller = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
    Span span = tracer.spanBuilder(method + " " + route).setSpanKind(SpanKind.SERVER).setParent(caller)
        .setAttribute(METHOD, method).setAttribute(ROUTE, route).startSpan();
    if (trace != null) {
      span.setAttribute(TraceParents.CORRELATION_ID, trace.correlationId());
      span.setAttribute(REQUEST_ID, trace.causationId());
      TraceParents.remember(trace.causationId(),
          new TraceParents.Parent(tracer, span.getSpanContext(), trace.correlationId()));
    }
    return span;
  }

  private Timer timer(String route, String method, HttpResponse response) {
    String status = (response.status().intValue() / 100) + "xx";
    return timers.computeIfAbsent(new Series(route, method, status), s -> Timer.builder("limbic.http.server.requests")
        .description("API requests: rate (count), latency (histogram) by route template, method and status class")
        .tags("route", s.route(), "method", s.method(), "status", s.status())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry));
  }
}
