package io.limbic.protocol;

/**
 * An entity's identity inside one tenant: user {@code u1} of tenant A and of tenant B are different entities.
 * The sharding entity id is {@code tenant/id}; '/' is outside both alphabets, so the split is unambiguous.
 */
public record TenantScopedId(String tenant, String id) implements CborSerializable {
  private static final char SEPARATOR = '/';

  public TenantScopedId {
    if (!Ids.isValidTenant(tenant)) throw new IllegalArgumentException("invalid tenant: " + tenant);
    if (!Ids.isValid(id)) throw new IllegalArgumentException("invalid id: " + id);
  }

  public String entityId() {
    return tenant + SEPARATOR + id;
  }

  public static TenantScopedId fromEntityId(String entityId) {
    int at = entityId.indexOf(SEPARATOR);
    if (at < 0) throw new IllegalArgumentException("not a tenant-scoped entity id: " + entityId);
    return new TenantScopedId(entityId.substring(0, at), entityId.substring(at + 1));
  }
}
