package io.limbic.protocol.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.limbic.protocol.CborSerializable;

/**
 * One browser telemetry sample on the wire, already type-checked. {@code type} is the lower-case wire name
 * (move, down, up, click, scroll, key, nav, error, mutation, visibility); a key sample carries no key value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sample(
    long t, String type, Double x, Double y, Integer button, String target, String section, Double scrollY,
    String url) implements CborSerializable {}
