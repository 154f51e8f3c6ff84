package io.limbic.projections.tracing;

import io.limbic.protocol.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * A read model's projection handling events of traced chains (README "Metrics and traces"): for each such event of
 * a group, a span {@code projection <name>} below the event's {@code journal write} span, covering the handling of
 * the group (the group is one transaction, so each of its events is projected by all of it). The write span is the
 * one remembered on this node under {@code persistenceId:sequenceNr}, else the one the event's metadata names
 * ({@code Trace.traceparent}, when the event was written on another node). Events of no traced chain, and every
 * event with tracing off, add nothing.
 */
public final class ProjectionSpans {
  private static final AttributeKey<String> PERSISTENCE_ID = AttributeKey.stringKey("limbic.persistence_id");
  private static final AttributeKey<Long> SEQUENCE_NR = AttributeKey.longKey("limbic.sequence_nr");

  /** An event being projected: its id and, when the envelope carries metadata, its trace (else null). */
  public record Projected(String persistenceId, long sequenceNr, Trace trace) {}

  /** The handling of a group, as the projection's handler does it. */
  @FunctionalInterface
  public interface Handling {
    void run() throws Exception;
  }

  private ProjectionSpans() {}

  public static void around(String projection, List<Projected> events, Handling handling) throws Exception {
    List<Span> spans = start(projection, events);
    if (spans.isEmpty()) {
      handling.run();
      return;
    }
    try {
      handling.run();
    } catch (Exception | Error e) {
      for (Span span : spans) span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      for (Span span : spans) span.end();
    }
  }

  /**
   * The events of Pekko Projection's own envelopes, which carry no metadata: only spans of this node (the event was
   * written here, or an agent here continued its remote span) are continued.
   */
  public static <E> List<Projected> projected(List<EventEnvelope<E>> envelopes) {
    List<Projected> events = new ArrayList<>(envelopes.size());
    for (EventEnvelope<E> e : envelopes) events.add(new Projected(e.persistenceId(), e.sequenceNr(), null));
    return events;
  }

  static List<Span> start(String projection, List<Projected> events) {
    List<Span> spans = List.of();
    for (Projected event : events) {
      Trace trace = event.trace();
      Optional<TraceParents.Parent> written = TraceParents.find(Trace.eventId(event.persistenceId(), event.sequenceNr()),
          trace == null ? null : trace.traceparent(), trace == null ? null : trace.correlationId());
      if (written.isEmpty()) continue;
      Span span = written.get().child("projection " + projection, SpanKind.CONSUMER);
      span.setAttribute(PERSISTENCE_ID, event.persistenceId());
      span.setAttribute(SEQUENCE_NR, event.sequenceNr());
      if (spans.isEmpty()) spans = new ArrayList<>();
      spans.add(span);
    }
    return spans;
  }
}
