package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.preference.PreferenceModel;
import io.limbic.analytics.matching.scoring.ReciprocalScore;
import java.time.Instant;
import java.util.List;

/** Phase 3: the refined preferences and the day's matches, best first. */
public record DeepAnalysis(
    PreferenceModel preferences, List<ReciprocalScore> matches, Instant generatedAt, int candidatesConsidered) {

  public DeepAnalysis {
    matches = List.copyOf(matches);
  }
}
