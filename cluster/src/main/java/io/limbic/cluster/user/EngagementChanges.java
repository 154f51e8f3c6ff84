package io.limbic.cluster.user;

import io.limbic.analytics.engagement.AssessmentBasis;
import io.limbic.analytics.engagement.ChurnRiskAssessment;
import io.limbic.analytics.engagement.EngagementLevel;
import io.limbic.protocol.user.Engagement;
import io.limbic.protocol.user.EngagementData;
import io.limbic.protocol.user.EngagementReason;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.UserAtRisk;
import io.limbic.protocol.user.UserEvent.UserEngaged;
import java.time.Instant;
import java.util.List;

/** Turns the analytics' assessment into the user's engagement events, and recognises causes already assessed. */
final class EngagementChanges {
  private EngagementChanges() {}

  static EngagementLevel level(Engagement engagement) {
    if (engagement == null) return null;
    return Engagement.AT_RISK.equals(engagement.state()) ? EngagementLevel.AT_RISK : EngagementLevel.ENGAGED;
  }

  static UserEvent event(
      EngagementLevel level, String tenant, String userId, Instant at, ChurnRiskAssessment a, String cause) {
    List<EngagementReason> reasons = a.reasons().stream()
        .map(r -> new EngagementReason(r.factor(), r.value(), r.weight(), r.contribution()))
        .toList();
    EngagementData data = data(a.basis());
    return level == EngagementLevel.AT_RISK
        ? new UserAtRisk(tenant, userId, at, a.score(), reasons, data, cause)
        : new UserEngaged(tenant, userId, at, a.score(), reasons, data, cause);
  }

  private static EngagementData data(AssessmentBasis b) {
    return new EngagementData(b.activePeriods(), b.periodsInWindow(), b.lastActiveAt(), b.absence().toSeconds(),
        b.lastGap().toSeconds(), b.typicalGap().toSeconds(), b.gapsObserved(), b.typicalGapIsPrior(),
        b.frustrations(), b.contentments(), b.losses(), b.wins(), b.window().toSeconds(), b.assessedAt());
  }

  /**
   * True when {@code cause} made the current level, or is one of this user's own events at or before the one that
   * did ({@code persistenceId:sequenceNr}): a redelivery, or an event already superseded by a later assessment.
   */
  static boolean alreadyAssessed(Engagement current, String persistenceId, String cause) {
    if (current == null || current.cause() == null) return false;
    if (current.cause().equals(cause)) return true;
    long seen = ownSequenceNr(persistenceId, current.cause());
    long asked = ownSequenceNr(persistenceId, cause);
    return seen > 0 && asked > 0 && asked <= seen;
  }

  /** The sequence number of a key of this entity's own events; 0 for anything else. */
  private static long ownSequenceNr(String persistenceId, String key) {
    String prefix = persistenceId + ":";
    if (key == null || !key.startsWith(prefix)) return 0;
    try {
      return Long.parseLong(key.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
