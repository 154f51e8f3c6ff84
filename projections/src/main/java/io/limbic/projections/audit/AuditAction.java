package io.limbic.projections.audit;

import java.time.Instant;
import java.util.List;

/**
 * One administrative action as the audit log keeps it: whose tenant, when (the server's clock), who ({@code
 * key-<16 hex>} or {@code user:<id>}, never a credential), the caller's roles, the action's stable name (e.g.
 * {@code projection.rebuild}), its target (a resource id, or null) and the request's correlation and request ids.
 */
public record AuditAction(
    String tenant, Instant at, String actor, List<String> roles, String action, String target,
    String correlationId, String requestId) {
  public static final int MAX_TARGET = 256;
  public static final int MAX_ACTOR = 128;

  public AuditAction {
    roles = List.copyOf(roles);
    actor = clip(actor, MAX_ACTOR);
    target = clip(target, MAX_TARGET);
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
