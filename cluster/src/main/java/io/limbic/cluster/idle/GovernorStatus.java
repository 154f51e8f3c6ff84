package io.limbic.cluster.idle;

import io.limbic.protocol.CborSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's (or the cluster's) idle-phase work, per phase.
 *
 * @param peakConcurrent the most jobs ever seen executing at once (the bound must hold: at most concurrency)
 * @param tenantsTracked how many tenants' figures the governor holds now (bounded, see {@link TenantTallies})
 */
public record GovernorStatus(
    String node, int concurrency, int queueCapacity, int peakConcurrent, int tenantsTracked, List<PhaseStatus> phases)
    implements CborSerializable {

  /**
   * @param lag from the phase falling due to its job starting
   */
  public record PhaseStatus(
      int phase, String name, long queued, long running, long completed, long halted, long rejected, long failed,
      LagHistogram lag) implements CborSerializable {

    public PhaseStatus plus(PhaseStatus o) {
      return new PhaseStatus(phase, name, queued + o.queued, running + o.running, completed + o.completed,
          halted + o.halted, rejected + o.rejected, failed + o.failed, lag.plus(o.lag));
    }
  }

  public static GovernorStatus sum(String name, List<GovernorStatus> nodes) {
    if (nodes.isEmpty()) return new GovernorStatus(name, 0, 0, 0, 0, List.of());
    int concurrency = 0;
    int capacity = 0;
    int peak = 0;
    int tenants = 0;
    for (GovernorStatus node : nodes) {
      concurrency += node.concurrency();
      capacity += node.queueCapacity();
      peak += node.peakConcurrent();
      tenants += node.tenantsTracked();
    }
    return new GovernorStatus(
        name, concurrency, capacity, peak, tenants, sumPhases(nodes.stream().map(GovernorStatus::phases).toList()));
  }

  /** Phase by phase, the sum of lists of the same phases. */
  static List<PhaseStatus> sumPhases(List<List<PhaseStatus>> lists) {
    if (lists.isEmpty()) return List.of();
    List<PhaseStatus> phases = new ArrayList<>(lists.get(0));
    for (int n = 1; n < lists.size(); n++) {
      for (int i = 0; i < phases.size(); i++) phases.set(i, phases.get(i).plus(lists.get(n).get(i)));
    }
    return phases;
  }
}
