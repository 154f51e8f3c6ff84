package io.limbic.cluster.interventions;

import io.limbic.analytics.interventions.InterventionConfig;
import io.limbic.protocol.intervention.InterventionCommand;
import io.limbic.protocol.intervention.StoredInterventionConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Each node's copy of every tenant's interventions config, read on the hot path without asking the tenant's entity:
 * a copy older than {@code refreshEvery} is refreshed in the background (the emotion at hand uses the copy it has).
 * A node that has no copy yet decides nothing for that tenant until the first answer; a user's entity asks for it
 * when it starts, which is long before its first emotion. A PUT updates the node that served it at once, others
 * within {@code refreshEvery}.
 */
public final class InterventionConfigs {
  private record Copy(InterventionConfig config, long fetchedNanos, boolean refreshing) {}

  private final ClusterSharding sharding;
  private final Duration refreshEvery;
  private final Duration askTimeout;
  private final Map<String, Copy> copies = new ConcurrentHashMap<>();

  public InterventionConfigs(ClusterSharding sharding, Duration refreshEvery, Duration askTimeout) {
    this.sharding = sharding;
    this.refreshEvery = refreshEvery;
    this.askTimeout = askTimeout;
  }

  /** The copy this node has (empty: decide nothing), refreshing it in the background when it is old. */
  public InterventionConfig current(String tenant) {
    long now = System.nanoTime();
    Copy copy = copies.get(tenant);
    if (copy == null || (!copy.refreshing() && now - copy.fetchedNanos() > refreshEvery.toNanos())) {
      Copy marked = new Copy(copy == null ? InterventionConfig.empty() : copy.config(),
          copy == null ? now - refreshEvery.toNanos() - 1 : copy.fetchedNanos(), true);
      boolean mine = copy == null ? copies.putIfAbsent(tenant, marked) == null : copies.replace(tenant, copy, marked);
      if (mine) refresh(tenant, marked);
      return marked.config();
    }
    return copy.config();
  }

  public void stored(String tenant, StoredInterventionConfig config) {
    copies.put(tenant, new Copy(InterventionConfigJson.config(config), System.nanoTime(), false));
  }

  private void refresh(String tenant, Copy marked) {
    sharding.entityRefFor(InterventionCommand.ENTITY_TYPE, tenant)
        .<StoredInterventionConfig>askWithStatus(InterventionCommand.GetConfig::new, askTimeout)
        .whenComplete((config, error) -> {
          if (error == null) {
            copies.put(tenant, new Copy(InterventionConfigJson.config(config), System.nanoTime(), false));
          } else {
            copies.replace(tenant, marked, new Copy(marked.config(), marked.fetchedNanos(), false));
          }
        });
  }
}
