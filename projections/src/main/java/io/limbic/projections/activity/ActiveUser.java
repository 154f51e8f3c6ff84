package io.limbic.projections.activity;

import java.time.Instant;

/** A row of {@code user_activity} as the API shows it. */
public record ActiveUser(String userId, Instant activeSince, Instant lastActiveAt, long heartbeats) {}
