package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.util.Map;

/**
 * One of a user's daily matches: who, the reciprocal score and every component of it.
 *
 * @param matchId stable id of this suggestion, used to record actions on it
 */
public record DailyMatch(String matchId, String userId, double score, Map<String, Double> breakdown)
    implements CborSerializable {}
