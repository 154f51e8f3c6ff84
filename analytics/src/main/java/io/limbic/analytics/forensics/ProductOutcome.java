package io.limbic.analytics.forensics;

import java.time.Instant;

/**
 * A product event of a user as forensics counts it; {@code at} is when the server recorded it (the interventions'
 * attribution counts from the same time). {@code amount} is 0 and {@code currency} null for events without value.
 */
public record ProductOutcome(String userId, String eventId, String type, double amount, String currency, Instant at) {}
