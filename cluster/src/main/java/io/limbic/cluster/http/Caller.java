package io.limbic.cluster.http;

import java.util.Optional;
import java.util.Set;

/**
 * Who an authenticated request comes from: the key's tenant and the roles the key was given, or, for an end-user
 * token ({@link UserTokens}), the tenant and the one user it is scoped to, with no role at all: such a caller reaches
 * only the routes a resource opens to user tokens ({@link GuardedRoutes#reachableByUserTokens}).
 */
public record Caller(String tenant, Set<Role> roles, Optional<String> user, String name) {
  public Caller {
    roles = Set.copyOf(roles);
  }

  /** A key's caller before it is {@link #named}. */
  public Caller(String tenant, Set<Role> roles) {
    this(tenant, roles, Optional.empty(), "");
  }

  /** The caller of a verified user token, named {@code user:<id>}. */
  public static Caller ofUser(String tenant, String userId) {
    return new Caller(tenant, Set.of(), Optional.of(userId), "user:" + userId);
  }

  /**
   * This caller under the name logs and the audit log may show for it ({@code key-<16 hex>} for a key,
   * {@code dashboard:key-<16 hex>} for the dashboard's session of one): never the credential itself.
   */
  public Caller named(String safeName) {
    return new Caller(tenant, roles, user, safeName);
  }

  public boolean may(Role role) {
    return roles.contains(role);
  }
}
