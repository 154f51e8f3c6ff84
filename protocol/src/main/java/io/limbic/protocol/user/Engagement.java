package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;

/**
 * The user's engagement as its last change left it: {@code state} {@code at_risk} or {@code engaged}, with the
 * churn-risk score, reasons and data of the assessment that made the change (the level holds until a later
 * assessment crosses the other threshold).
 *
 * @param since when the state last changed
 * @param cause the idempotency key of the event whose assessment made the change
 */
public record Engagement(
    String state, double score, List<EngagementReason> reasons, EngagementData data, Instant since, String cause)
    implements CborSerializable {
  public static final String AT_RISK = "at_risk";
  public static final String ENGAGED = "engaged";

  public Engagement {
    reasons = List.copyOf(reasons);
  }
}
