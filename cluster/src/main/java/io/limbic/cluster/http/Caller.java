package io.limbic.cluster.http;

import java.util.Set;

/** Who an authenticated request comes from: the key's tenant and the roles the key was given. */
public record Caller(String tenant, Set<Role> roles) {
  public Caller {
    roles = Set.copyOf(roles);
  }

  public boolean may(Role role) {
    return roles.contains(role);
  }
}
