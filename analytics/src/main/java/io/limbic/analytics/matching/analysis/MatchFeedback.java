package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.MatchAction;
import java.time.Instant;

/** What the user did with a match suggested earlier. */
public record MatchFeedback(String candidateId, MatchAction action, Instant at) {}
