package io.limbic.cluster.http;

import io.limbic.projections.keys.ApiKeyRepository.StoredApiKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The secret API keys created through the operator's API ({@link ApiKeyRoutes}), as a node holds them in memory:
 * digests only, each with its caller and the instant it stops authenticating (a rotated key's end of grace, or its
 * expiry), checked at every request so a grace period ends on time whatever the refresh interval.
 */
final class StoredApiKeys {
  static final StoredApiKeys NONE = of(List.of());

  private record Grant(Caller caller, Optional<Instant> until) {
    boolean validAt(Instant now) {
      return until.map(now::isBefore).orElse(true);
    }
  }

  private final KeyDigests<Grant> keys;

  private StoredApiKeys(KeyDigests<Grant> keys) {
    this.keys = keys;
  }

  static StoredApiKeys of(List<StoredApiKey> stored) {
    KeyDigests<Grant> keys = new KeyDigests<>();
    for (StoredApiKey key : stored) {
      keys.addDigest(key.digest(), new Grant(new Caller(key.tenant(), roles(key.roles())).named(key.name()),
          key.validUntil()));
    }
    return new StoredApiKeys(keys);
  }

  /** Stored role labels as roles; a label this version does not know grants nothing. */
  static Set<Role> roles(List<String> labels) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String label : labels) Role.ofLabel(label).ifPresent(roles::add);
    return roles;
  }

  /** The caller of the key, if it is one valid at {@code now}. Takes the same time whichever entry matches. */
  Optional<Caller> find(String presentedKey, Instant now) {
    return keys.find(presentedKey).filter(g -> g.validAt(now)).map(Grant::caller);
  }

  /** The caller of the tenant's key named {@code keyName}, if it is valid at {@code now}. */
  Optional<Caller> findNamed(String tenant, String keyName, Instant now) {
    if (!keyName.startsWith("key-")) return Optional.empty();
    return keys.findByDigestPrefix(keyName.substring("key-".length()))
        .filter(g -> g.validAt(now) && g.caller().tenant().equals(tenant)).map(Grant::caller);
  }
}
