package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.preference.PreferenceModel;

/**
 * The three idle-time phases for one user. Implementations are pure: they take a snapshot, return a record and
 * touch nothing else, so the caller can drop a result when the user comes back mid-phase. Long work should stop
 * with a {@link java.util.concurrent.CancellationException} when the calling thread is interrupted.
 *
 * <p>{@link StatisticalAnalyzer} is the default; an analyzer backed by a language model could read the "about"
 * texts and messages instead, and return the same records.
 */
public interface Analyzer {

  /** Phase 1 (light): a summary of recent favorites and interactions. */
  LightSummary summarize(AnalysisInput input);

  /** Phase 2 (medium): favorite and message patterns turned into a preference model. */
  PreferenceModel learn(AnalysisInput input);

  /** Phase 3 (deep): refine the phase-2 model (e.g. with feedback on earlier matches) and pick the top n. */
  DeepAnalysis refine(AnalysisInput input, PreferenceModel learned, CandidatePool pool, int n);
}
