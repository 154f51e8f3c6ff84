package io.limbic.cluster.idle;

import io.limbic.protocol.CborSerializable;
import java.util.List;

/** One tenant's idle-phase work per phase, on one node or summed over the cluster; nothing of other tenants. */
public record TenantWork(List<GovernorStatus.PhaseStatus> phases) implements CborSerializable {

  public static TenantWork sum(List<TenantWork> nodes) {
    return new TenantWork(GovernorStatus.sumPhases(nodes.stream().map(TenantWork::phases).toList()));
  }
}
