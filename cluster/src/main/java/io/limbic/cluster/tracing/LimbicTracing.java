package io.limbic.cluster.tracing;

import com.typesafe.config.Config;
import io.limbic.projections.tracing.TraceParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * This node's tracer. With {@code limbic.tracing.otlp-endpoint} set (README "Metrics and traces") spans are batched
 * and sent over OTLP/HTTP (protobuf) to {@code <endpoint>/v1/traces}; without it the tracer is OpenTelemetry's
 * no-op, nothing is recorded or remembered and nothing is sent.
 */
public final class LimbicTracing implements Extension {
  private static final String TRACES_PATH = "/v1/traces";
  private final Tracer tracer;
  private final SdkTracerProvider provider; // null when off

  private LimbicTracing(Tracer tracer, SdkTracerProvider provider) {
    this.tracer = tracer;
    this.provider = provider;
  }

  public static final ExtensionId<LimbicTracing> ID =
      new ExtensionId<>() {
        @Override
        public LimbicTracing createExtension(ActorSystem<?> system) {
          LimbicTracing tracing = create(system.settings().config().getConfig("limbic.tracing"));
          // Spans whose parent ran on another node (a traceparent in a command or an event's metadata) start here.
          if (tracing.enabled()) TraceParents.tracing(tracing.tracer);
          return tracing;
        }
      };

  public static LimbicTracing get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  static LimbicTracing create(Config config) {
    String endpoint = config.getString("otlp-endpoint").trim();
    if (endpoint.isEmpty()) return new LimbicTracing(OpenTelemetry.noop().getTracer("limbic"), null);
    Duration delay = config.getDuration("export-delay");
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(tracesUrl(endpoint))
        .setTimeout(config.getDuration("export-timeout"))
        .build();
    Resource resource = Resource.getDefault().merge(Resource.create(
        Attributes.of(AttributeKey.stringKey("service.name"), config.getString("service-name"))));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(delay).build())
        .build();
    OpenTelemetry otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
    return new LimbicTracing(otel.getTracer("io.limbic"), provider);
  }

  /** OTLP's base endpoint plus the traces path, as the standard OTEL_EXPORTER_OTLP_ENDPOINT is read. */
  static String tracesUrl(String endpoint) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
  }

  public boolean enabled() {
    return provider != null;
  }

  public Tracer tracer() {
    return tracer;
  }

  /** Sends what is still batched and stops exporting (a CoordinatedShutdown task). */
  public CompletionStage<Done> shutdown() {
    if (provider == null) return CompletableFuture.completedFuture(Done.getInstance());
    TraceParents.stopped(tracer);
    return CompletableFuture.supplyAsync(() -> {
      provider.shutdown().join(10, TimeUnit.SECONDS);
      return Done.getInstance();
    });
  }
}
