package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/** The user's live state as the API shows it. */
public record UserView(String userId, Instant lastActiveAt, Instant activeSince, long heartbeatCount)
    implements CborSerializable {}
