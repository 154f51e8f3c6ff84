package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;

/** How many of a user's product events were new, and how many were retries already recorded. */
public record ProductEventsResult(int recorded, int duplicates) implements CborSerializable {}
