package io.limbic.cluster.trace;

import io.limbic.projections.tracing.TraceParents;
import io.limbic.protocol.trace.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.util.Optional;
import io.limbic.protocol.trace.Traced;
import org.apache.pekko.persistence.typed.EventAdapter;
import org.apache.pekko.persistence.typed.EventSeq;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;

/**
 * Carries the trace of the command being handled to the events it persists. Pekko 1.2's typed persistence lets an
 * entity set no event metadata, but it hands every event to the entity's {@link EventAdapter} synchronously, right
 * after the command handler returns its effect and in the same actor turn. So the command handler wrapped by
 * {@link #around} remembers the command's trace, {@link #toJournal} wraps each event with it, and
 * {@link TracingJdbcJournal} turns the wrapper into the journal row's metadata. One instance per entity instance
 * (the field is confined to the entity's actor). When the command's cause has a span (tracing on, README "Metrics
 * and traces"), handling the command is a child span of it, and the journal write a child of that; the stored trace
 * then names the journal write's span as {@code traceparent} ({@link TracingJdbcJournal}), and only then.
 */
public final class JournalTrace<E> extends EventAdapter<E, Object> {
  private Trace current;
  private TraceParents.Parent span; // the span of the command being handled, when its caller's span is known

  /** The entity's command handler, first noting the trace of each command (none for untraced ones). */
  public <C, S> CommandHandlerWithReply<C, E, S> around(CommandHandlerWithReply<C, E, S> handler) {
    return (state, command) -> {
      current = command instanceof Traced traced ? traced.trace() : null;
      // The caller's span: remembered on this node under the cause's id, else the one the command carries (the
      // caller ran on another node).
      Optional<TraceParents.Parent> caller = current == null ? Optional.empty()
          : TraceParents.find(current.causationId(), current.traceparent(), current.correlationId());
      if (caller.isEmpty()) {
        span = null;
        return handler.apply(state, command);
      }
      Span handling = caller.get().child(spanName(command), SpanKind.INTERNAL);
      span = caller.get().next(handling);
      try {
        return handler.apply(state, command);
      } finally {
        handling.end();
      }
    };
  }

  /** {@code User RecordHeartbeat}: the entity type (the command interface less "Command") and the command. */
  static String spanName(Object command) {
    Class<?> type = command.getClass();
    Class<?> outer = type.getEnclosingClass();
    String entity = outer == null ? "entity" : outer.getSimpleName().replaceFirst("Command$", "");
    return entity + " " + type.getSimpleName();
  }

  /** The trace of the command being handled, or null. */
  public Trace current() {
    return current;
  }

  @Override
  public Object toJournal(E event) {
    return current == null ? event : new TracedEvent(event, current, span);
  }

  @Override
  public String manifest(E event) {
    return "";
  }

  /** The JDBC journal hands back plain events (the trace is metadata); an in-memory journal hands back wrappers. */
  @Override
  @SuppressWarnings("unchecked")
  public EventSeq<E> fromJournal(Object stored, String manifest) {
    Object event = stored instanceof TracedEvent traced ? traced.event() : stored;
    return EventSeq.single((E) event);
  }
}
