package io.limbic.cluster.http;

import java.util.Optional;
import java.util.Set;

/**
 * Who an authenticated request comes from: the key's tenant and the roles the key was given, or, for an end-user
 * token ({@link UserTokens}), the tenant and the one user it is scoped to, with no role at all: such a caller reaches
 * only the routes a resource opens to user tokens ({@link GuardedRoutes#reachableByUserTokens}).
 */
public record Caller(String tenant, Set<Role> roles, Optional<String> user) {
  public Caller {
    roles = Set.copyOf(roles);
  }

  public Caller(String tenant, Set<Role> roles) {
    this(tenant, roles, Optional.empty());
  }

  /** The caller of a verified user token. */
  public static Caller ofUser(String tenant, String userId) {
    return new Caller(tenant, Set.of(), Optional.of(userId));
  }

  public boolean may(Role role) {
    return roles.contains(role);
  }
}
