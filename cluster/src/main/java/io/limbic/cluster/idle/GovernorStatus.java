package io.limbic.cluster.idle;

import io.limbic.protocol.CborSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's (or the cluster's) idle-phase work, per phase.
 *
 * @param peakConcurrent the most jobs ever seen executing at once (the bound must hold: at most concurrency)
 */
public record GovernorStatus(
    String node, int concurrency, int queueCapacity, int peakConcurrent, List<PhaseStatus> phases)
    implements CborSerializable {

  /**
   * @param lag from the phase falling due to its job starting
   */
  public record PhaseStatus(
      int phase, String name, long queued, long running, long completed, long halted, long rejected, long failed,
      LagHistogram lag) implements CborSerializable {

    PhaseStatus plus(PhaseStatus o) {
      return new PhaseStatus(phase, name, queued + o.queued, running + o.running, completed + o.completed,
          halted + o.halted, rejected + o.rejected, failed + o.failed, lag.plus(o.lag));
    }
  }

  public static GovernorStatus sum(String name, List<GovernorStatus> nodes) {
    if (nodes.isEmpty()) return new GovernorStatus(name, 0, 0, 0, List.of());
    List<PhaseStatus> phases = new ArrayList<>(nodes.get(0).phases());
    int concurrency = 0;
    int capacity = 0;
    int peak = 0;
    for (int n = 0; n < nodes.size(); n++) {
      concurrency += nodes.get(n).concurrency();
      capacity += nodes.get(n).queueCapacity();
      peak += nodes.get(n).peakConcurrent();
      if (n == 0) continue;
      for (int i = 0; i < phases.size(); i++) phases.set(i, phases.get(i).plus(nodes.get(n).phases().get(i)));
    }
    return new GovernorStatus(name, concurrency, capacity, peak, phases);
  }
}
