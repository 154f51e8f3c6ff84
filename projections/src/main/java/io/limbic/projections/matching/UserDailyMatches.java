package io.limbic.projections.matching;

import io.limbic.protocol.user.DailyMatch;
import java.time.Instant;
import java.util.List;

/** A user's latest daily matches, best first, as {@code GET /v1/users/{id}/matches/daily} shows them. */
public record UserDailyMatches(Instant generatedAt, List<DailyMatch> matches) {}
