package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/**
 * One interaction between two users of a tenant: {@code type} is favorite, unfavorite, pass, view, message, reply,
 * call, block or unblock; {@code id} makes retries idempotent; {@code durationS} is a view's dwell time.
 */
public record InteractionData(String from, String to, String type, Instant at, String id, int durationS)
    implements CborSerializable {}
