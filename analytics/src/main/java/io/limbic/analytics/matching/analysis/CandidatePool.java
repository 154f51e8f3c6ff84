package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.scoring.FittedWeights;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.Searcher;
import java.util.List;

/**
 * What the deep phase ranks: the candidates the index returned for this searcher, the searcher's filters, and the
 * tenant vocabulary the candidates' traits were packed with (refined preferences are compiled against it).
 *
 * @param combination the tenant's fitted combination of the score's features, or null for the analyzer's own
 *     weights (the documented defaults)
 */
public record CandidatePool(
    Searcher searcher, List<MatchCandidate> candidates, Vocabulary vocabulary, FittedWeights combination) {

  public CandidatePool(Searcher searcher, List<MatchCandidate> candidates, Vocabulary vocabulary) {
    this(searcher, candidates, vocabulary, null);
  }
}
