package io.limbic.cluster.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's metrics registry, scraped at {@code GET /metrics} on the management port ({@link MetricsRoutes}).
 * Counters and timers are recorded where things happen; figures that live elsewhere (read model and agent lag, the
 * idle scheduler, live entities) are read by samplers the node registers, run at each scrape so a value is never
 * older than the scrape that shows it.
 */
public final class LimbicMetrics implements Extension {
  private static final Logger log = LoggerFactory.getLogger(LimbicMetrics.class);
  private final PrometheusMeterRegistry registry;
  private final Readings readings;
  private final List<Supplier<CompletionStage<?>>> samplers = new CopyOnWriteArrayList<>();

  private LimbicMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.readings = new Readings(registry);
  }

  public static final ExtensionId<LimbicMetrics> ID =
      new ExtensionId<>() {
        @Override
        public LimbicMetrics createExtension(ActorSystem<?> system) {
          PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
          new ClassLoaderMetrics().bindTo(registry);
          new JvmMemoryMetrics().bindTo(registry);
          JvmGcMetrics gc = new JvmGcMetrics();
          gc.bindTo(registry);
          new JvmThreadMetrics().bindTo(registry);
          new ProcessorMetrics().bindTo(registry);
          new UptimeMetrics().bindTo(registry);
          new FileDescriptorMetrics().bindTo(registry);
          system.getWhenTerminated().whenComplete((done, failure) -> {
            gc.close();
            registry.close();
          });
          return new LimbicMetrics(registry);
        }
      };

  public static LimbicMetrics get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Gauges whose values a sampler sets. */
  public Readings readings() {
    return readings;
  }

  /** Runs {@code sampler} before every scrape; a sampler that fails or is late leaves its last values. */
  public void sampleOnScrape(Supplier<CompletionStage<?>> sampler) {
    samplers.add(sampler);
  }

  /** Runs the samplers (each given at most {@code patience}), then renders Prometheus' text format. */
  public CompletionStage<String> scrape(Duration patience) {
    CompletableFuture<?>[] sampled = samplers.stream().map(s -> sampled(s, patience)).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(sampled).thenApply(v -> registry.scrape());
  }

  private static CompletableFuture<Object> sampled(Supplier<CompletionStage<?>> sampler, Duration patience) {
    CompletableFuture<Object> done;
    try {
      done = sampler.get().toCompletableFuture().thenApply(v -> (Object) v);
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    return done.completeOnTimeout(null, patience.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
      log.debug("A metrics sampler failed: {}", e.toString());
      return null;
    });
  }
}
