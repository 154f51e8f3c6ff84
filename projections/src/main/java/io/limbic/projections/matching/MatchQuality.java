package io.limbic.projections.matching;

import java.util.List;

/**
 * How well the tenant's predicted scores turned out. A match's outcome is positive when the user liked or messaged
 * the person, or the two liked each other. Only matches of users who acted on at least one match (like, message or
 * pass) are evaluated: silence from someone who never opened their matches says nothing about the scores.
 *
 * @param matchesLogged every match generated for the tenant
 * @param matchesWithOutcome matches with any outcome joined (viewed, liked, messaged, passed or mutual)
 * @param usersActed users with at least one like, message or pass on their matches
 * @param matchesEvaluated the matches of those users
 * @param positive evaluated matches with a positive outcome
 * @param precisionAt10 positive / evaluated over the users' daily top-10 lists (micro-averaged); null when nothing
 *     was evaluated
 * @param precisionLow lower end of the 95 % Wilson interval of precisionAt10, null with it
 * @param precisionHigh upper end of that interval
 * @param calibration predicted score in ten bins of width 0.1 against the observed positive rate
 */
public record MatchQuality(
    long matchesLogged,
    long matchesWithOutcome,
    long usersActed,
    long matchesEvaluated,
    long positive,
    Double precisionAt10,
    Double precisionLow,
    Double precisionHigh,
    List<CalibrationBin> calibration) {

  /**
   * One bin of the calibration table: evaluated matches with a predicted score in [from, to) (the last bin
   * includes 1; scores outside [0, 1] count in the nearest bin).
   *
   * @param meanPredicted null when the bin is empty
   * @param observedRate positive / matches, null when the bin is empty
   */
  public record CalibrationBin(
      double from, double to, long matches, long positive, Double meanPredicted, Double observedRate) {}
}
