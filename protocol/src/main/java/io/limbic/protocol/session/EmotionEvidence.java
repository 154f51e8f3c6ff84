package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * Why a session was read as it was: the signal counts and physics values the classifier saw, over which windows,
 * the features that pushed hardest toward the state, and how the tenant's rage prior became the rage posterior
 * ({@code rage}; null in events written before it existed).
 */
public record EmotionEvidence(
    long signalWindowMs, long physicsWindowMs, Map<String, Integer> signals, Map<String, Double> physics,
    List<String> reasons, RageEvidence rage) implements CborSerializable {

  public EmotionEvidence(
      long signalWindowMs, long physicsWindowMs, Map<String, Integer> signals, Map<String, Double> physics,
      List<String> reasons) {
    this(signalWindowMs, physicsWindowMs, signals, physics, reasons, null);
  }
}
