package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;

/**
 * One term of a churn-risk score's log-odds ({@code contribution = weight * value}; positive pushes towards risk).
 * The contributions of one assessment add up to its log-odds.
 */
public record EngagementReason(String factor, double value, double weight, double contribution)
    implements CborSerializable {}
