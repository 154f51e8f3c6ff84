package io.limbic.projections.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Where a chain's spans continue across actor messages. Commands and events already carry ids of their cause (the
 * request id in a command's {@code Trace}, {@code persistenceId:sequenceNr} for an event an agent reacts to), so
 * the span that caused them is remembered under that id and the next hop (entity, journal, agent, outbound call)
 * starts its span as a child of it. Only a node with tracing on remembers anything: with tracing off this stays
 * empty, every lookup misses and no span is started. Bounded (the oldest ids are forgotten); in one JVM, so a hop
 * on another node starts a new trace that carries the same correlation id attribute.
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
  private static volatile boolean any;

  private TraceParents() {}

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
    Optional<Parent> parent = find(id);
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
