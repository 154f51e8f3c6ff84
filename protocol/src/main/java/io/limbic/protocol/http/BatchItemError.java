package io.limbic.protocol.http;

/** Why one item of a batch was not applied; the others are applied regardless. */
public record BatchItemError(int index, String code, String message) {}
