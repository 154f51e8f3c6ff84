package io.limbic.cluster.idle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One governor's {@link PhaseTally} per tenant, bounded in memory: a tenant with nothing queued or running is
 * dropped once {@code retention} has passed since its last change, and when more than {@code maxTenants} are held
 * the idle one that changed longest ago goes first. Tenants with work in flight are always kept (the queue bounds
 * how many there can be), so queued and running counts are never lost; completed, halted, refused and failed counts
 * and lags of a dropped tenant start again from zero.
 */
final class TenantTallies {
  private final Map<String, PhaseTally> byTenant = new HashMap<>();
  private final int phases;
  private final int maxTenants;
  private final Duration retention;

  TenantTallies(int phases, int maxTenants, Duration retention) {
    this.phases = phases;
    this.maxTenants = maxTenants;
    this.retention = retention;
  }

  /** The tenant of a user's entity id, {@code tenant/userId}. */
  static String tenantOf(String userKey) {
    int slash = userKey.indexOf('/');
    return slash < 0 ? userKey : userKey.substring(0, slash);
  }

  /** The tally of {@code tenant}, made if needed, marked as changed now. */
  PhaseTally changing(String tenant, Instant now) {
    PhaseTally tally = byTenant.get(tenant);
    if (tally == null) {
      prune(now);
      if (byTenant.size() >= maxTenants) dropOldestIdle();
      tally = new PhaseTally(phases, now);
      byTenant.put(tenant, tally);
    }
    tally.touch(now);
    return tally;
  }

  Optional<PhaseTally> find(String tenant) {
    return Optional.ofNullable(byTenant.get(tenant));
  }

  int size() {
    return byTenant.size();
  }

  /** Drops the idle tenants whose last change is older than the retention. */
  void prune(Instant now) {
    Instant cutoff = now.minus(retention);
    byTenant.values().removeIf(t -> t.isIdle() && t.lastChange().isBefore(cutoff));
  }

  private void dropOldestIdle() {
    String oldest = null;
    Instant oldestAt = null;
    for (Map.Entry<String, PhaseTally> e : byTenant.entrySet()) {
      if (e.getValue().isIdle() && (oldestAt == null || e.getValue().lastChange().isBefore(oldestAt))) {
        oldest = e.getKey();
        oldestAt = e.getValue().lastChange();
      }
    }
    if (oldest != null) byTenant.remove(oldest);
  }
}
