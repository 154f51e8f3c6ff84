package io.limbic.projections.matching;

import java.time.Instant;
import java.util.List;

/**
 * One candidate's history as {@code user_decision} holds it: the decisions they made (latest first, at most
 * {@link DecisionRepository#MAX_GIVEN}) and how many decisions about them were made, and how many said yes.
 */
public record CandidateDecisions(List<Given> given, int yesGiven, int decisionsGiven, int yesReceived,
    int decisionsReceived) {
  public static final CandidateDecisions NONE = new CandidateDecisions(List.of(), 0, 0, 0, 0);

  public CandidateDecisions {
    given = List.copyOf(given);
  }

  /** A decision the candidate made about {@code targetId}: the latest verdict and the net evidence. */
  public record Given(String targetId, boolean yes, double evidence, Instant at) {}
}
