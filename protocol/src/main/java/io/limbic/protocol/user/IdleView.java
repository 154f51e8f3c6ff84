package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * The user's idle-time work: the idle period it belongs to, the phases completed in it, the phase in flight (0:
 * none) and the latest result of each phase by name.
 */
public record IdleView(Instant idleSince, int completedPhases, int phaseInFlight, Map<String, Object> results)
    implements CborSerializable {}
