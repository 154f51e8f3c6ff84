package io.limbic.cluster.models;

/** A model component this node was started without (no family, forecaster, planner, KPI source or job platform). */
public final class ModelsNotWired extends IllegalStateException {
  public ModelsNotWired(String message) {
    super(message);
  }
}
