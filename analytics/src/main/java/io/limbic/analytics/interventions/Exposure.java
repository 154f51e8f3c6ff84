package io.limbic.analytics.interventions;

import java.time.Instant;

/**
 * One decision a user is living with: its episode runs from {@code at} until {@code until} (the end of the
 * attribution window). Within it the user keeps the same variant (or stays held out) and no new decision is made
 * for that context; outcomes of the configured types inside it are attributed to it.
 */
public record Exposure(
    String decisionId, String contextId, String variantId, Instant at, Instant until, String successEvent,
    String failureEvent) {

  public boolean openAt(Instant now) {
    return !now.isBefore(at) && now.isBefore(until);
  }
}
