package io.limbic.cluster.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;

class LimbicTracingTest {
  @Test
  void offByDefaultTheTracerIsANoOp() {
    // application.conf's defaults, without OTEL_EXPORTER_OTLP_ENDPOINT or LIMBIC_OTEL_ENDPOINT in this environment.
    LimbicTracing tracing = LimbicTracing.create(ConfigFactory.load().getConfig("limbic.tracing"));
    assertFalse(tracing.enabled());
    Span span = tracing.tracer().spanBuilder("x").startSpan();
    assertFalse(span.getSpanContext().isValid(), "a no-op span: nothing recorded, nothing to send");
    span.end();
  }

  @Test
  void anEndpointTurnsItOnAndNamesTheTracesPath() {
    LimbicTracing tracing = LimbicTracing.create(ConfigFactory.parseString("otlp-endpoint = \"http://127.0.0.1:1\"")
        .withFallback(ConfigFactory.load().getConfig("limbic.tracing")));
    assertTrue(tracing.enabled());
    assertTrue(tracing.tracer().spanBuilder("x").startSpan().getSpanContext().isValid());
    tracing.shutdown().toCompletableFuture().join();
    assertEquals("http://c:4318/v1/traces", LimbicTracing.tracesUrl("http://c:4318"));
    assertEquals("http://c:4318/v1/traces", LimbicTracing.tracesUrl("http://c:4318/"));
    assertEquals("http://c:4318/v1/traces", LimbicTracing.tracesUrl("http://c:4318/v1/traces"));
  }
}
