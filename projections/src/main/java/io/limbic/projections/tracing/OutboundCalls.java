package io.limbic.projections.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A client span around a webhook or notification call whose event is part of a traced chain (found by the call's
 * {@code Idempotency-Key}, which is the event's {@code persistenceId:sequenceNr}), with the W3C {@code traceparent}
 * header so the receiver can continue the trace. A call outside a traced chain is sent unchanged.
 */
public final class OutboundCalls {
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> HOST = AttributeKey.stringKey("server.address");

  private OutboundCalls() {}

  public static <T> CompletionStage<HttpResponse<T>> send(
      HttpRequest request, String idempotencyHeader,
      Function<HttpRequest, CompletionStage<HttpResponse<T>>> send) {
    Optional<TraceParents.Parent> parent = request.headers().firstValue(idempotencyHeader).flatMap(TraceParents::find);
    if (parent.isEmpty()) return send.apply(request);
    // Below the agent's span when the call starts in its turn; below the event's otherwise.
    Span current = Span.current();
    TraceParents.Parent below = current.getSpanContext().isValid() ? parent.get().next(current) : parent.get();
    Span span = below.child(request.method() + " " + request.uri().getHost(), SpanKind.CLIENT);
    span.setAttribute(METHOD, request.method());
    span.setAttribute(HOST, String.valueOf(request.uri().getHost()));
    HttpRequest traced = HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("traceparent"))
        .header("traceparent", traceparent(span))
        .build();
    return send.apply(traced).whenComplete((response, failure) -> {
      if (response != null) {
        span.setAttribute(STATUS, (long) response.statusCode());
        if (response.statusCode() >= 400) span.setStatus(StatusCode.ERROR);
      }
      if (failure != null) span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
      span.end();
    });
  }

  /** The W3C trace context header of {@code span} (version 00). */
  static String traceparent(Span span) {
    return TraceParents.traceparent(span.getSpanContext());
  }
}
