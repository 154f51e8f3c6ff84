package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.MutualProbability;
import io.limbic.analytics.matching.scoring.PeerLean;
import io.limbic.analytics.matching.scoring.Searcher;
import java.util.List;

/**
 * What the deep phase ranks: the candidates the index returned for this searcher, the searcher's filters, and the
 * tenant vocabulary the candidates' traits were packed with (refined preferences are compiled against it).
 *
 * @param mutual the tenant's fitted P(mutual) model ({@code MutualFitter}), or null for the analyzer's own weights
 *     (the documented defaults)
 * @param peers the decisions around the pool (the searcher's, the candidates', and those of the people who decided
 *     on them), for the lean of like-deciding people; {@link PeerLean#NONE} when unknown
 */
public record CandidatePool(Searcher searcher, List<MatchCandidate> candidates, Vocabulary vocabulary,
    MutualProbability mutual, PeerLean peers) {

  public CandidatePool(Searcher searcher, List<MatchCandidate> candidates, Vocabulary vocabulary) {
    this(searcher, candidates, vocabulary, null, PeerLean.NONE);
  }

}
