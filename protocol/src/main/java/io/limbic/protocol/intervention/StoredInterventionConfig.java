package io.limbic.protocol.intervention;

import io.limbic.protocol.CborSerializable;
import java.time.Duration;
import java.util.List;

/**
 * A tenant's interventions config as it is stored: complete (defaults filled in) and validated. Field names are
 * those of the HTTP body and of analytics' {@code InterventionConfig}. Version 1.
 */
public record StoredInterventionConfig(
    List<Context> contexts, String successEvent, String failureEvent, Duration attributionWindow, double holdout,
    int burnIn, double floor) implements CborSerializable {

  public StoredInterventionConfig {
    contexts = contexts == null ? List.of() : List.copyOf(contexts);
  }

  /** @param page a glob over the url, its path or the section; null: any page */
  public record Context(
      String id, String emotion, String page, double minConfidence, double minLifetimeValue, List<Variant> variants)
      implements CborSerializable {
    public Context {
      variants = variants == null ? List.of() : List.copyOf(variants);
    }
  }

  /** @param payload JSON text of an object; @param url only for a webhook variant */
  public record Variant(String id, String channel, String url, String payload, double cost)
      implements CborSerializable {}
}
