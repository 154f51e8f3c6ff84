package io.limbic.cluster.escalation;

import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.EscalationPolicyCommand;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Each node's copy of the tenants' escalation policies, so the hot path decides without a round trip: a policy is
 * asked of its entity at most once per {@code ttl} per node (a change made on another node is seen within it; one
 * made through this node at once). While a refresh is under way the previous policy keeps answering.
 */
public final class PolicyCache {
  private record Entry(CompletionStage<EscalationPolicy> policy, long fetchedNanos) {}

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final long ttlNanos;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public PolicyCache(ClusterSharding sharding, Duration askTimeout, Duration ttl) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.ttlNanos = ttl.toNanos();
  }

  public CompletionStage<EscalationPolicy> get(String tenant) {
    long now = System.nanoTime();
    Entry entry = entries.get(tenant);
    if (entry != null && now - entry.fetchedNanos() < ttlNanos) return entry.policy();
    CompletionStage<EscalationPolicy> fresh = fetch(tenant);
    Entry next = new Entry(fresh, now);
    entries.put(tenant, next);
    fresh.whenComplete((p, e) -> {
      if (e != null) entries.remove(tenant, next); // a failed ask is not kept: the next emotion asks again
    });
    // The stale policy answers until the fresh one is in (it is what the node knew a moment ago).
    if (entry != null && entry.policy().toCompletableFuture().isDone()
        && !entry.policy().toCompletableFuture().isCompletedExceptionally()) {
      return entry.policy();
    }
    return fresh;
  }

  /** The policy just set through this node. */
  public void put(String tenant, EscalationPolicy policy) {
    entries.put(tenant, new Entry(CompletableFuture.completedFuture(policy), System.nanoTime()));
  }

  private CompletionStage<EscalationPolicy> fetch(String tenant) {
    return sharding.entityRefFor(EscalationPolicyCommand.ENTITY_TYPE, tenant)
        .askWithStatus(EscalationPolicyCommand.GetPolicy::new, askTimeout);
  }
}
