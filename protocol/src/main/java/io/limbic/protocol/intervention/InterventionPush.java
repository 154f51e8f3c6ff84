package io.limbic.protocol.intervention;

import io.limbic.protocol.CborSerializable;

/**
 * An in-page intervention as the browser receives it. {@code idempotencyKey} is the decision's id: a repeat of the
 * push (at-least-once delivery) carries the same one and the SDK shows it once.
 *
 * @param payload the variant's payload, JSON text of an object (the SDK shows its {@code message})
 */
public record InterventionPush(String idempotencyKey, String contextId, String variantId, String payload)
    implements CborSerializable {}
