package io.limbic.projections.matching;

import io.limbic.protocol.user.ProfileData;
import java.time.Instant;

/**
 * Someone the candidate index returned: their stored profile and when they were last active.
 *
 * @param lastActiveAt from {@code user_activity}; null when the user was never seen active
 */
public record Candidate(String userId, ProfileData profile, Instant lastActiveAt) {}
