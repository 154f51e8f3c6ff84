package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.Searcher;
import java.util.List;

/**
 * What the deep phase ranks: the candidates the index returned for this searcher, the searcher's filters, and the
 * tenant vocabulary the candidates' traits were packed with (refined preferences are compiled against it).
 */
public record CandidatePool(Searcher searcher, List<MatchCandidate> candidates, Vocabulary vocabulary) {}
