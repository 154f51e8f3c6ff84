package io.limbic.projections.escalation;

import java.math.BigDecimal;

/**
 * What one contact is told about one incident: who (user, company, lifetime value), what (emotion, confidence,
 * page, the evidence in one line), and how to act (a signed, expiring acknowledgement link). The idempotency key is
 * the same for every retry of this notice to this contact, so a receiver can drop repeats.
 */
public record EscalationNotice(
    String tenant, String incidentId, String contact, String ackUrl, String userId, String company,
    BigDecimal lifetimeValue, String currency, String emotion, double confidence, String page, String evidence,
    String idempotencyKey) {}
