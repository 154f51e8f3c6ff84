package io.limbic.analytics.session.realdata;

import io.limbic.analytics.session.emotion.EmotionReading;
import java.util.List;
import java.util.Map;

/**
 * What a live replay of one recording produced.
 *
 * @param persisted every reading the analyzer asked to persist ({@code EmotionDetected}), oldest first
 * @param escalations persisted rage readings at or above the escalation confidence that follow one that was not
 *     (a new escalation-grade episode: what would notify an executive)
 * @param nonCalmShare share of batches and ticks at which the last persisted state was not calm
 * @param meanAnger mean of P(rage) + P(frustration) of the analyzer's current reading over batches and ticks
 * @param signals the session's signal totals at the end (rage clicks, dead clicks, ...), to see what drove the states
 */
public record ReplayOutcome(
    Recording recording, List<EmotionReading> persisted, int escalations, double nonCalmShare, double meanAnger,
    Map<String, Integer> signals) {}
