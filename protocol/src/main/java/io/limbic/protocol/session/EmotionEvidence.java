package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * Why a session was read as it was: the signal counts and physics values the classifier saw, over which windows,
 * and the features that pushed hardest toward the state.
 */
public record EmotionEvidence(
    long signalWindowMs, long physicsWindowMs, Map<String, Integer> signals, Map<String, Double> physics,
    List<String> reasons) implements CborSerializable {}
