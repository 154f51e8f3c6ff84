package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/**
 * A session's emotional state as people read it: "decision anxiety at 0.91" with the evidence behind it.
 *
 * @param state rage, frustration, confusion, hesitation, engagement or calm
 * @param label what to show a person (hesitation in a decision section reads "decision anxiety")
 * @param confidence calibrated probability that the state is right
 * @param since when the state began
 */
public record EmotionView(
    String state, String label, double confidence, Instant since, String url, String section,
    EmotionEvidence evidence) implements CborSerializable {}
