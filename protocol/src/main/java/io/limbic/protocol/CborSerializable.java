package io.limbic.protocol;

/**
 * Marker for every message that crosses the network or goes into the journal. Bound to {@code jackson-cbor} in
 * {@code serialization.conf}; Pekko has no built-in marker of its own.
 */
public interface CborSerializable {}
