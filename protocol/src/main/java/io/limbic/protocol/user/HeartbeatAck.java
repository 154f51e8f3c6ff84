package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/** The reply to a heartbeat: the user's activity as the entity now knows it. */
public record HeartbeatAck(String userId, Instant lastActiveAt, Instant activeSince, boolean processingHalted)
    implements CborSerializable {}
