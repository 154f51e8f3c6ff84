package io.limbic.cluster.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.projections.tracing.ProjectionSpans;
import io.limbic.projections.tracing.TraceParents;
import io.limbic.protocol.trace.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.persistence.PersistentRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The W3C trace context a command or an event's metadata carries (README "Metrics and traces"): written as
 * {@code 00-traceid-spanid-flags}, read back as a remote parent when this node holds no span of the cause, and
 * neither read nor stored with tracing off.
 */
class RemoteParentsTest {
  private final List<SpanData> finished = new CopyOnWriteArrayList<>();
  private SdkTracerProvider provider;
  private Tracer tracer;

  @BeforeEach
  void traceThisNode() {
    provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        finished.addAll(spans);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    })).build();
    tracer = provider.get("test");
    TraceParents.tracing(tracer);
  }

  @AfterEach
  void stop() {
    TraceParents.stopped(tracer);
    provider.shutdown();
  }

  /** A span of "another node": its context is all that travels. */
  private Span otherNodesSpan() {
    IdGenerator ids = IdGenerator.random();
    return Span.wrap(SpanContext.create(ids.generateTraceId(), ids.generateSpanId(), TraceFlags.getSampled(),
        TraceState.getDefault()));
  }

  @Test
  void aTraceparentRoundTripsAsTheRemoteParentOfTheNextSpan() {
    Span remote = otherNodesSpan();
    String traceparent = TraceParents.traceparent(remote.getSpanContext());
    assertEquals("00-" + remote.getSpanContext().getTraceId() + "-" + remote.getSpanContext().getSpanId() + "-01",
        traceparent);

    TraceParents.Parent parent = TraceParents.find("never-seen-" + System.nanoTime(), traceparent, "corr-1").get();
    assertTrue(parent.context().isRemote());
    assertEquals(remote.getSpanContext().getTraceId(), parent.context().getTraceId());
    parent.child("User RecordHeartbeat", SpanKind.INTERNAL).end();
    SpanData child = finished.get(0);
    assertEquals(remote.getSpanContext().getTraceId(), child.getTraceId(), "one trace across the nodes");
    assertEquals(remote.getSpanContext().getSpanId(), child.getParentSpanId());
    assertEquals("corr-1", child.getAttributes().get(TraceParents.CORRELATION_ID));
  }

  @Test
  void aSpanOfThisNodeComesFirstAndAMalformedContextIsNone() {
    Span local = tracer.spanBuilder("local").startSpan();
    String id = "req-" + System.nanoTime();
    TraceParents.remember(id, new TraceParents.Parent(tracer, local.getSpanContext(), "corr-2"));
    String elsewhere = TraceParents.traceparent(otherNodesSpan().getSpanContext());
    assertEquals(local.getSpanContext(), TraceParents.find(id, elsewhere, "corr-2").get().context());
    assertEquals(TraceParents.traceparent(local.getSpanContext()), TraceParents.traceparent(id));

    assertTrue(TraceParents.find("x-" + System.nanoTime(), null, "c").isEmpty());
    for (String bad : List.of("", "garbage", "00-00000000000000000000000000000000-0000000000000000-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "zz-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")) {
      assertTrue(TraceParents.remote(bad, "c").isEmpty(), bad);
    }
  }

  @Test
  void withTracingOffACarriedContextStartsNothing() {
    String traceparent = TraceParents.traceparent(otherNodesSpan().getSpanContext());
    TraceParents.stopped(tracer);
    assertTrue(TraceParents.find("y-" + System.nanoTime(), traceparent, "c").isEmpty());
    assertNull(TraceParents.traceparent("y-unknown-" + System.nanoTime()));
  }

  @Test
  void anAgentOnAnotherNodeContinuesTheJournalWriteAndLeavesItForWhatItSends() {
    Span write = otherNodesSpan();
    String eventId = Trace.eventId("User|acme/u-" + System.nanoTime(), 3);
    String traceparent = TraceParents.traceparent(write.getSpanContext());
    TraceParents.continued(eventId, traceparent, "corr-3", "agent notifications UserAtRisk", SpanKind.CONSUMER,
        () -> CompletableFuture.completedFuture("done")).toCompletableFuture().join();
    SpanData agent = finished.get(0);
    assertEquals(write.getSpanContext().getSpanId(), agent.getParentSpanId());
    // An outbound call (by Idempotency-Key) or a command caused by the event now finds it on this node too.
    assertEquals(TraceParents.traceparent(write.getSpanContext()), TraceParents.traceparent(eventId));
  }

  @Test
  void aProjectionRunsInAChildSpanOfTheEventsJournalWrite() throws Exception {
    Span write = otherNodesSpan();
    Trace trace = new Trace("corr-4", "req-4", TraceParents.traceparent(write.getSpanContext()));
    String pid = "User|acme/p-" + System.nanoTime();
    boolean[] ran = {false};
    ProjectionSpans.around("event-chain",
        List.of(new ProjectionSpans.Projected(pid, 1, trace), new ProjectionSpans.Projected(pid, 2, null)),
        () -> ran[0] = true);
    assertTrue(ran[0]);
    assertEquals(1, finished.size(), "one span: the second event is of no traced chain");
    assertEquals("projection event-chain", finished.get(0).getName());
    assertEquals(write.getSpanContext().getSpanId(), finished.get(0).getParentSpanId());
    assertEquals(write.getSpanContext().getTraceId(), finished.get(0).getTraceId());
  }

  @Test
  void theJournalStoresTheWriteSpanOrNoContextNeverTheCommandsOwn() {
    String carried = TraceParents.traceparent(otherNodesSpan().getSpanContext());
    Trace command = new Trace("corr-5", "req-5", carried);
    PersistentRepr repr = PersistentRepr.apply(new TracedEvent("event", command), 1, "User|acme/u", "", false, null, "");

    Object untraced = TracingJdbcJournal.unwrapped(repr, null).metadata().get();
    assertEquals(new Trace("corr-5", "req-5"), untraced, "tracing off (no write span): no traceparent stored");
    assertNull(((Trace) untraced).traceparent());

    String write = TraceParents.traceparent(tracer.spanBuilder("journal write").startSpan().getSpanContext());
    PersistentRepr stored = TracingJdbcJournal.unwrapped(repr, write);
    assertEquals("event", stored.payload());
    assertEquals(new Trace("corr-5", "req-5", write), stored.metadata().get());
  }

  @Test
  void causedByKeepsTheContextAndAnEmptyOneIsNone() {
    Trace withContext = new Trace("c", "r", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertEquals(withContext.traceparent(), withContext.causedBy("User|acme/u", 2).traceparent());
    assertNull(new Trace("c", "r", "").traceparent());
    assertSame(withContext, withContext.withTraceparent(withContext.traceparent()));
    assertFalse(new Trace("c", "r").equals(withContext));
  }
}
