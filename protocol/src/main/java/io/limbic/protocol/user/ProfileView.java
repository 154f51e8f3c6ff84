package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;

/** A profile as {@code GET /v1/users/{id}/profile} shows it, with how complete it is (0..1, documented weights). */
public record ProfileView(ProfileData profile, double completeness) implements CborSerializable {}
