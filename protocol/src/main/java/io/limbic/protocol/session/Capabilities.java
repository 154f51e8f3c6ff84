package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;

/**
 * What a telemetry client declared it observes, with its first message: {@code "capabilities": {"mutations": true,
 * "selection": true}}. A field left out is false. Without {@code mutations} the session reports no dead clicks.
 */
public record Capabilities(boolean mutations, boolean selection) implements CborSerializable {}
