package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.InteractionType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 1: what the user did lately, cheap to compute and small to persist.
 *
 * @param windowDays how far back "lately" reaches
 * @param sent counts of the user's own interactions in the window, by type
 * @param received counts of interactions towards the user in the window, by type
 * @param lastInteractionAt the latest interaction either way in the window, null when none
 * @param mostEngaged up to five people the user engaged with most (by evidence weight), most first
 */
public record LightSummary(
    String userId,
    Instant summarizedAt,
    int windowDays,
    Map<InteractionType, Integer> sent,
    Map<InteractionType, Integer> received,
    int distinctPeople,
    Instant lastInteractionAt,
    List<String> mostEngaged) {

  public LightSummary {
    sent = Map.copyOf(sent);
    received = Map.copyOf(received);
    mostEngaged = List.copyOf(mostEngaged);
  }
}
