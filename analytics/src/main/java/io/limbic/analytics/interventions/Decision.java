package io.limbic.analytics.interventions;

/**
 * What one exposure got: a variant, or the holdout (nothing shown, logged so lift is measured against it).
 *
 * @param variantId the variant, or {@link #HOLDOUT}
 * @param reason how it was picked: holdout, burn-in (equal traffic), floor (the guaranteed share) or thompson
 */
public record Decision(String contextId, String variantId, Reason reason) {
  public static final String HOLDOUT = "holdout";

  public enum Reason {
    HOLDOUT, BURN_IN, FLOOR, THOMPSON
  }

  public boolean isHoldout() {
    return HOLDOUT.equals(variantId);
  }
}
