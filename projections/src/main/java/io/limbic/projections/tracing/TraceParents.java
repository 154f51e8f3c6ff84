package io.limbic.projections.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Where a chain's spans continue across actor messages. Commands and events already carry ids of their cause (the
 * request id in a command's {@code Trace}, {@code persistenceId:sequenceNr} for an event an agent reacts to), so
 * the span that caused them is remembered under that id and the next hop (entity, journal, agent, outbound call)
 * starts its span as a child of it. Only a node with tracing on remembers anything: with tracing off this stays
 * empty, every lookup misses and no span is started. Bounded (the oldest ids are forgotten) and in one JVM: a hop
 * on another node finds nothing here, so commands and events also carry their cause's span as a W3C
 * {@code traceparent} ({@code Trace.traceparent}), and a miss continues from that remote span instead
 * ({@link #find(String, String, String)}), with the tracer of this node's {@code LimbicTracing}.
 */
public final class TraceParents {
  public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("limbic.correlation_id");
  private static final int CAPACITY = 20_000;

  /** A span that later hops continue: its context, the tracer that made it and its chain's correlation id. */
  public record Parent(Tracer tracer, SpanContext context, String correlationId) {
    /** A child span of this one, started now, with the correlation id attribute. */
    public Span child(String name, SpanKind kind) {
      var builder = tracer.spanBuilder(name).setSpanKind(kind).setParent(Context.root().with(Span.wrap(context)));
      if (correlationId != null) builder.setAttribute(CORRELATION_ID, correlationId);
      return builder.startSpan();
    }

    /** The same chain continued by {@code span}. */
    public Parent next(Span span) {
      return new Parent(tracer, span.getSpanContext(), correlationId);
    }
  }

  private static final Map<String, Parent> PARENTS =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parent> eldest) {
          return size() > CAPACITY;
        }
      };
  private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(String traceparent) {
      return List.of("traceparent");
    }

    @Override
    public String get(String traceparent, String key) {
      return "traceparent".equals(key) ? traceparent : null;
    }
  };
  private static volatile boolean any;
  private static volatile Tracer tracer; // this node's, while tracing is on: it starts spans below remote parents

  private TraceParents() {}

  /** This node traces with {@code nodeTracer} (its {@code LimbicTracing} when on): remote parents are continued. */
  public static void tracing(Tracer nodeTracer) {
    tracer = nodeTracer;
  }

  /** This node stopped tracing with {@code nodeTracer} (no-op when another tracer took over since). */
  public static void stopped(Tracer nodeTracer) {
    if (tracer == nodeTracer) tracer = null;
  }

  /**
   * The span remembered under {@code id}, else the remote span {@code traceparent} names (the cause ran on another
   * node), else none; none also when this node does not trace.
   */
  public static Optional<Parent> find(String id, String traceparent, String correlationId) {
    Optional<Parent> local = find(id);
    return local.isPresent() ? local : remote(traceparent, correlationId);
  }

  /** The span a W3C {@code traceparent} names, as a parent of this node's spans (none if malformed or off). */
  public static Optional<Parent> remote(String traceparent, String correlationId) {
    Tracer current = tracer;
    if (current == null || traceparent == null) return Optional.empty();
    Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    SpanContext context = Span.fromContext(extracted).getSpanContext();
    return context.isValid() ? Optional.of(new Parent(current, context, correlationId)) : Optional.empty();
  }

  /** The W3C trace context header of a span ({@code 00-traceid-spanid-flags}). */
  public static String traceparent(SpanContext context) {
    return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
  }

  /** The {@code traceparent} of the span remembered under {@code id}, or null (nothing to carry). */
  public static String traceparent(String id) {
    return find(id).map(parent -> traceparent(parent.context())).orElse(null);
  }

  public static void remember(String id, Parent parent) {
    if (id == null || parent == null || !parent.context().isValid()) return;
    synchronized (PARENTS) {
      PARENTS.put(id, parent);
    }
    any = true;
  }

  /**
   * Runs {@code work} in a child span of the span remembered under {@code id} (just {@code work} when there is
   * none), the child being the current span while {@code work} starts. The child is not remembered: several agents
   * react to one event, and each hangs below the event's span.
   */
  public static <T> CompletionStage<T> continued(
      String id, String name, SpanKind kind, Supplier<CompletionStage<T>> work) {
    return continued(id, null, null, name, kind, work);
  }

  /**
   * The same, falling back to the remote span {@code traceparent} names (the event's journal write on another
   * node), which is then remembered under {@code id}: what the work sends on (an outbound call named by the
   * event's id, a command caused by it) finds it on this node as if the event had been written here.
   */
  public static <T> CompletionStage<T> continued(String id, String traceparent, String correlationId,
      String name, SpanKind kind, Supplier<CompletionStage<T>> work) {
    Optional<Parent> parent = find(id);
    if (parent.isEmpty()) {
      parent = remote(traceparent, correlationId);
      parent.ifPresent(remote -> remember(id, remote));
    }
    if (parent.isEmpty()) return work.get();
    Span span = parent.get().child(name, kind);
    CompletionStage<T> stage;
    try (Scope ignored = span.makeCurrent()) {
      stage = work.get();
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      span.end();
      throw e;
    }
    return stage.whenComplete((value, failure) -> {
      if (failure != null) span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
      span.end();
    });
  }

  public static Optional<Parent> find(String id) {
    if (!any || id == null) return Optional.empty();
    synchronized (PARENTS) {
      return Optional.ofNullable(PARENTS.get(id));
    }
  }
}
