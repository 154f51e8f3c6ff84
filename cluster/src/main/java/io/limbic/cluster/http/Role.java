package io.limbic.cluster.http;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do. Every route belongs to one group: sending data in ({@code ingest}), reading what the
 * tenant's data became ({@code read}), or operating the service ({@code admin}).
 */
public enum Role {
  INGEST,
  READ,
  ADMIN;

  /** A key configured without roles: all of them, so keys written before roles existed keep working. */
  public static Set<Role> all() {
    return EnumSet.allOf(Role.class);
  }

  /** The role's name as configured and as problem bodies name it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> ofLabel(String label) {
    for (Role role : values()) if (role.label().equals(label)) return Optional.of(role);
    return Optional.empty();
  }
}
