package io.limbic.cluster.http;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do. Every route belongs to one group: sending data in ({@code ingest}), reading what the
 * tenant's data became ({@code read}), administering the tenant ({@code admin}: its settings, agents' figures, dead
 * letters), or operating the whole cluster ({@code operator}: pausing, resuming and rebuilding read models and
 * agents, which acts on every tenant at once).
 */
public enum Role {
  INGEST,
  READ,
  ADMIN,
  OPERATOR;

  /**
   * A key configured without roles: ingest, read and admin, so keys written before roles existed keep working.
   * Never operator: what acts on every tenant must be given to a key by name.
   */
  public static Set<Role> all() {
    return EnumSet.of(INGEST, READ, ADMIN);
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
