package io.limbic.cluster.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Gauges set from outside (by the scrape's samplers), one per name and tags, created on first set. */
public final class Readings {
  private static final class Value {
    volatile double value;
  }

  private record Key(String name, Tags tags) {}

  private final MeterRegistry registry;
  private final Map<Key, Value> values = new ConcurrentHashMap<>();

  Readings(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets the gauge {@code name} with {@code tags}; {@code description} and {@code unit} are used the first time. */
  public void set(String name, String description, String unit, Tags tags, double value) {
    values.computeIfAbsent(new Key(name, tags), k -> {
      Value v = new Value();
      Gauge.builder(name, v, x -> x.value).description(description).baseUnit(unit).tags(tags).strongReference(true)
          .register(registry);
      return v;
    }).value = value;
  }
}
