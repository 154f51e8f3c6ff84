package io.limbic.analytics.session.emotion;

import java.util.List;
import java.util.Map;

/**
 * Why the classifier said what it said.
 *
 * @param signalWindowMs span the signal counts cover, ending at the reading's time
 * @param physicsWindowMs span the physics values cover, ending at the reading's time
 * @param signals recent signal counts by summary name (e.g. "rageClicks")
 * @param physics raw window physics the features came from
 * @param reasons the features that pushed hardest toward the chosen state, strongest first, as
 *     "feature=value (+logits)"; for a rage reading the first reason says how the prior became the posterior
 * @param rage the tenant's rage prior, what the evidence did to it and whether the convergence rule capped it; null
 *     only in readings made before it existed
 */
public record Evidence(
    long signalWindowMs, long physicsWindowMs, Map<String, Integer> signals, Map<String, Double> physics,
    List<String> reasons, RageBelief rage) {

  public Evidence {
    signals = Map.copyOf(signals);
    physics = Map.copyOf(physics);
    reasons = List.copyOf(reasons);
  }

  public Evidence(
      long signalWindowMs, long physicsWindowMs, Map<String, Integer> signals, Map<String, Double> physics,
      List<String> reasons) {
    this(signalWindowMs, physicsWindowMs, signals, physics, reasons, null);
  }
}
