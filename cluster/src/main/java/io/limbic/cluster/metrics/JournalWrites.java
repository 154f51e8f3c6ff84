package io.limbic.cluster.metrics;

import io.limbic.cluster.trace.TracedEvent;
import io.limbic.projections.tracing.TraceParents;
import io.limbic.protocol.trace.Trace;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The journal's writes as metrics and spans: how long each batch took from reaching the journal to the database
 * confirming it ({@code limbic_journal_write_seconds}), and, for events of a traced command, a {@code journal write}
 * span below the command's span. Each written event is then remembered as {@code persistenceId:sequenceNr}, so the
 * agents reacting to it continue the trace.
 */
public final class JournalWrites {
  private static final AttributeKey<String> PERSISTENCE_ID = AttributeKey.stringKey("limbic.persistence_id");
  private static final AttributeKey<Long> EVENTS = AttributeKey.longKey("limbic.events");
  private final Timer timer;

  private JournalWrites(Timer timer) {
    this.timer = timer;
  }

  public static JournalWrites of(ActorSystem<?> system) {
    Timer timer = Timer.builder("limbic.journal.write")
        .description("Time from a batch of events reaching the journal to the database confirming its write")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(LimbicMetrics.get(system).registry());
    return new JournalWrites(timer);
  }

  /** One batch being written; end it when the database answered. */
  public final class Write {
    private final long startedAt = System.nanoTime();
    private final List<Span> spans;
    private final List<TraceParents.Parent> written; // by atomic write; null for one of no traced command

    private Write(List<Span> spans, List<TraceParents.Parent> written) {
      this.spans = spans;
      this.written = written;
    }

    /**
     * The {@code traceparent} of the journal write span of the {@code index}th atomic write, or null (no span:
     * tracing off or an untraced command). Stored in the events' metadata, so whatever reads them on another node
     * continues the trace.
     */
    public String traceparent(int index) {
      TraceParents.Parent parent = written == null ? null : written.get(index);
      return parent == null ? null : TraceParents.traceparent(parent.context());
    }

    public void end(Throwable failure) {
      timer.record(System.nanoTime() - startedAt, java.util.concurrent.TimeUnit.NANOSECONDS);
      for (Span span : spans) {
        if (failure != null) span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        span.end();
      }
    }
  }

  public Write start(List<AtomicWrite> writes) {
    List<Span> spans = List.of();
    List<TraceParents.Parent> parents = null;
    for (int i = 0; i < writes.size(); i++) {
      AtomicWrite write = writes.get(i);
      List<PersistentRepr> reprs = CollectionConverters.asJava(write.payload());
      TraceParents.Parent command = commandSpan(reprs);
      if (command == null) continue;
      Span span = command.child("journal write", SpanKind.CLIENT);
      span.setAttribute(PERSISTENCE_ID, write.persistenceId());
      span.setAttribute(EVENTS, (long) reprs.size());
      TraceParents.Parent written = command.next(span);
      for (PersistentRepr repr : reprs) {
        TraceParents.remember(Trace.eventId(repr.persistenceId(), repr.sequenceNr()), written);
      }
      if (spans.isEmpty()) spans = new ArrayList<>(writes.size());
      spans.add(span);
      if (parents == null) parents = new ArrayList<>(java.util.Collections.nCopies(writes.size(), null));
      parents.set(i, written);
    }
    return new Write(spans, parents);
  }

  private static TraceParents.Parent commandSpan(List<PersistentRepr> reprs) {
    for (PersistentRepr repr : reprs) {
      Object payload = repr.payload();
      if (payload instanceof Tagged tagged) payload = tagged.payload();
      if (payload instanceof TracedEvent traced && traced.span() != null) return traced.span();
    }
    return null;
  }
}
