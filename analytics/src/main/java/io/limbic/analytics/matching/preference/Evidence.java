package io.limbic.analytics.matching.preference;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.MatchAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One signed piece of evidence about whom a user responds to: positive means "more like this person".
 *
 * <p>Only what the user did counts. Being favorited by someone says something about that someone's taste, not the
 * user's; it enters matching as mutual interest instead.
 */
public record Evidence(String targetUserId, double weight, Instant at) {

  public static List<Evidence> fromInteractions(String userId, List<Interaction> interactions) {
    List<Evidence> evidence = new ArrayList<>();
    for (Interaction interaction : interactions) {
      if (userId.equals(interaction.from()) && interaction.evidence() != 0) {
        evidence.add(new Evidence(interaction.to(), interaction.evidence(), interaction.at()));
      }
    }
    return evidence;
  }

  public static Evidence fromAction(String candidateId, MatchAction action, Instant at) {
    return new Evidence(candidateId, action.evidence(), at);
  }
}
