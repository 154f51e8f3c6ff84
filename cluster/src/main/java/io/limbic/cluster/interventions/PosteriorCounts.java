package io.limbic.cluster.interventions;

import io.limbic.analytics.interventions.ArmCounts;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.PNCounterMap;
import org.apache.pekko.cluster.ddata.PNCounterMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * The bandit's counts, replicated to every node with Pekko Distributed Data: one {@code PNCounterMap} per tenant
 * with entries {@code context/variant/exposures} and {@code context/variant/successes}. Increments are written
 * locally and gossiped; each node keeps the latest value it was told in a map the hot path reads without asking
 * anyone. The counts are not durable: a restart of the whole cluster starts them over (see README, Interventions).
 */
public final class PosteriorCounts {
  private static final String EXPOSURES = "exposures";
  private static final String SUCCESSES = "successes";

  private sealed interface Msg {}

  private record Watch(String tenant) implements Msg {}

  private record Add(String tenant, String entry, long delta) implements Msg {}

  private record Changed(String tenant, Replicator.SubscribeResponse<PNCounterMap<String>> response) implements Msg {}

  private final Map<String, Map<String, BigInteger>> byTenant = new ConcurrentHashMap<>();
  private final ActorRef<Msg> keeper;

  public PosteriorCounts(ActorSystem<?> system) {
    this.keeper = system.systemActorOf(keeper(), "intervention-posteriors", Props.empty());
  }

  /** Exposures and successes per variant of one context, as this node's replica has them. */
  public Map<String, ArmCounts> counts(String tenant, String contextId) {
    Map<String, BigInteger> entries = watched(tenant);
    Map<String, long[]> raw = new HashMap<>();
    String prefix = contextId + "/";
    entries.forEach((k, v) -> {
      if (!k.startsWith(prefix)) return;
      String rest = k.substring(prefix.length());
      int slash = rest.lastIndexOf('/');
      if (slash < 0) return;
      long[] c = raw.computeIfAbsent(rest.substring(0, slash), x -> new long[2]);
      if (rest.endsWith("/" + EXPOSURES)) c[0] = v.longValue();
      else if (rest.endsWith("/" + SUCCESSES)) c[1] = v.longValue();
    });
    Map<String, ArmCounts> counts = new HashMap<>();
    raw.forEach((variant, c) -> counts.put(variant, new ArmCounts(c[0], c[1])));
    return counts;
  }

  public void exposed(String tenant, String contextId, String variantId) {
    keeper.tell(new Add(tenant, contextId + "/" + variantId + "/" + EXPOSURES, 1));
  }

  public void succeeded(String tenant, String contextId, String variantId) {
    keeper.tell(new Add(tenant, contextId + "/" + variantId + "/" + SUCCESSES, 1));
  }

  private Map<String, BigInteger> watched(String tenant) {
    Map<String, BigInteger> entries = byTenant.get(tenant);
    if (entries != null) return entries;
    byTenant.putIfAbsent(tenant, Map.of());
    keeper.tell(new Watch(tenant));
    return byTenant.get(tenant);
  }

  private static org.apache.pekko.cluster.ddata.Key<PNCounterMap<String>> key(String tenant) {
    return PNCounterMapKey.create("interventions-" + tenant);
  }

  private Behavior<Msg> keeper() {
    return Behaviors.setup(ctx -> {
      ActorRef<Replicator.Command> replicator = DistributedData.get(ctx.getSystem()).replicator();
      SelfUniqueAddress self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
      java.util.Set<String> subscribed = new java.util.HashSet<>();
      return Behaviors.receive(Msg.class)
          .onMessage(Watch.class, w -> {
            subscribe(ctx, replicator, subscribed, w.tenant());
            return Behaviors.same();
          })
          .onMessage(Add.class, a -> {
            subscribe(ctx, replicator, subscribed, a.tenant());
            replicator.tell(new Replicator.Update<>(key(a.tenant()), PNCounterMap.<String>empty(),
                Replicator.writeLocal(), ctx.getSystem().ignoreRef(),
                m -> m.incrementBy(a.entry(), a.delta(), self)));
            return Behaviors.same();
          })
          .onMessage(Changed.class, c -> {
            if (c.response() instanceof Replicator.Changed<PNCounterMap<String>> changed) {
              byTenant.put(c.tenant(), Map.copyOf(changed.dataValue().getEntries()));
            }
            return Behaviors.same();
          })
          .build();
    });
  }

  @SuppressWarnings("unchecked")
  private static void subscribe(
      org.apache.pekko.actor.typed.javadsl.ActorContext<Msg> ctx, ActorRef<Replicator.Command> replicator,
      java.util.Set<String> subscribed, String tenant) {
    if (!subscribed.add(tenant)) return;
    ActorRef<Replicator.SubscribeResponse<PNCounterMap<String>>> adapter =
        ctx.messageAdapter(
            (Class<Replicator.SubscribeResponse<PNCounterMap<String>>>) (Class<?>) Replicator.SubscribeResponse.class,
            r -> new Changed(tenant, r));
    replicator.tell(new Replicator.Subscribe<>(key(tenant), adapter));
  }
}
