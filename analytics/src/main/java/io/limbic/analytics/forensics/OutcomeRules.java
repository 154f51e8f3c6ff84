package io.limbic.analytics.forensics;

import java.time.Duration;

/**
 * What counts as an outcome after an emotion: the tenant's success and failure product event types and the window
 * after the emotion within which one counts (the interventions config's, else purchase / churn / 24 hours).
 */
public record OutcomeRules(String successEvent, String failureEvent, Duration window) {
  public static final OutcomeRules DEFAULT = new OutcomeRules("purchase", "churn", Duration.ofHours(24));
}
