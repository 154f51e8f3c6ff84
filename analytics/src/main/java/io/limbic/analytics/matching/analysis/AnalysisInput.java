package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a phase needs about one user, gathered by the caller before the phase starts so that analysis never
 * reads shared state while it runs.
 *
 * @param interactions interactions the user took part in, either direction
 * @param profiles profiles of the other people in those interactions and feedback
 */
public record AnalysisInput(
    String tenant,
    String userId,
    Profile profile,
    List<Interaction> interactions,
    List<MatchFeedback> feedback,
    Map<String, Profile> profiles,
    Instant now) {

  public AnalysisInput {
    interactions = List.copyOf(interactions);
    feedback = List.copyOf(feedback);
    profiles = Map.copyOf(profiles);
  }
}
