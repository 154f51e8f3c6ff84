package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The user's live state as the API shows it.
 *
 * @param lifetimeValue purchases and renewals less refunds, per currency
 * @param company from the e-mail domain; null for free-mail domains or before identify
 * @param idle the idle-time phases of the current idle period
 * @param engagement the engagement level as last changed; null until an assessment first crossed a threshold
 */
public record UserView(
    String userId, Instant lastActiveAt, Instant activeSince, long heartbeatCount, UserEmotion emotion,
    Map<String, BigDecimal> lifetimeValue, String company, IdleView idle,
    Engagement engagement) implements CborSerializable {}
