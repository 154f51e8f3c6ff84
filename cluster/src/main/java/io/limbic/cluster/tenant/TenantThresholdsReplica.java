package io.limbic.cluster.tenant;

import io.limbic.protocol.tenant.StoredSignalThresholds;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * Every tenant's signal thresholds on every node, so a session starts on its tenant's thresholds without asking
 * the tenant's settings entity. One Distributed Data {@code LWWMap} (tenant -> thresholds) is written by the
 * settings entity after it persists a change and when it recovers (a tenant that set nothing publishes the
 * defaults, which confirms them); each node keeps the latest value it was told in a map sessions read.
 *
 * <p>Writes are local and reach the other nodes by gossip, within a few seconds. The timestamp of an entry is the
 * number of changes the tenant has persisted, not a wall clock: the latest persisted change wins even when the
 * entity moved between nodes whose clocks differ. The replica is not durable; a cluster that restarts refills it as
 * settings entities recover (a session meanwhile asks the entity, as before). An actor system that is not a
 * cluster member (an entity unit test) gets a replica that is always empty.
 */
public final class TenantThresholdsReplica implements Extension {
  private static final ExtensionId<TenantThresholdsReplica> ID =
      new ExtensionId<>() {
        @Override
        public TenantThresholdsReplica createExtension(ActorSystem<?> system) {
          return new TenantThresholdsReplica(system);
        }
      };

  static final Key<LWWMap<String, StoredSignalThresholds>> KEY = LWWMapKey.create("tenant-signal-thresholds");

  private sealed interface Msg {}

  private record Publish(String tenant, long version, StoredSignalThresholds thresholds) implements Msg {}

  private record Changed(Replicator.SubscribeResponse<LWWMap<String, StoredSignalThresholds>> response)
      implements Msg {}

  /** An entry as this node holds it: the thresholds and the number of changes they stand for. */
  private record Held(long version, StoredSignalThresholds thresholds) {}

  private final Map<String, Held> byTenant = new ConcurrentHashMap<>();
  private final ActorRef<Msg> keeper;

  private TenantThresholdsReplica(ActorSystem<?> system) {
    boolean cluster = system.settings().config().getString("pekko.actor.provider").equals("cluster");
    this.keeper = cluster ? system.systemActorOf(keeper(), "tenant-thresholds-replica", Props.empty()) : null;
  }

  public static TenantThresholdsReplica get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** The tenant's thresholds as this node's replica has them; empty until the tenant's entity published them. */
  public Optional<StoredSignalThresholds> find(String tenant) {
    return Optional.ofNullable(byTenant.get(tenant)).map(Held::thresholds);
  }

  /**
   * Called by the tenant's settings entity; {@code version} grows with every change it persists. This node holds
   * it at once (a session started here right after the change answered uses it); the others by gossip.
   */
  void publish(String tenant, long version, StoredSignalThresholds thresholds) {
    if (keeper == null) return;
    hold(tenant, new Held(version, thresholds));
    keeper.tell(new Publish(tenant, version, thresholds));
  }

  /** Keeps the newer of what this node holds and {@code offered}: a late gossip never brings back an older change. */
  private void hold(String tenant, Held offered) {
    byTenant.merge(tenant, offered, (held, next) -> next.version() >= held.version() ? next : held);
  }

  private Behavior<Msg> keeper() {
    return Behaviors.setup(ctx -> {
      ActorRef<Replicator.Command> replicator = DistributedData.get(ctx.getSystem()).replicator();
      SelfUniqueAddress self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
      @SuppressWarnings("unchecked")
      Class<Replicator.SubscribeResponse<LWWMap<String, StoredSignalThresholds>>> type =
          (Class<Replicator.SubscribeResponse<LWWMap<String, StoredSignalThresholds>>>) (Class<?>)
              Replicator.SubscribeResponse.class;
      replicator.tell(new Replicator.Subscribe<>(KEY, ctx.messageAdapter(type, Changed::new)));
      return Behaviors.receive(Msg.class)
          .onMessage(Publish.class, p -> {
            replicator.tell(new Replicator.Update<>(KEY, LWWMap.<String, StoredSignalThresholds>empty(),
                Replicator.writeLocal(), ctx.getSystem().ignoreRef(),
                map -> newer(map, p) ? map.put(self, p.tenant(), p.thresholds(), (now, value) -> p.version()) : map));
            return Behaviors.same();
          })
          .onMessage(Changed.class, c -> {
            if (c.response() instanceof Replicator.Changed<LWWMap<String, StoredSignalThresholds>> changed) {
              // Entries are never removed: a tenant this node holds but the replica has not merged yet stays.
              changed.dataValue().underlying().getEntries().forEach((tenant, register) ->
                  hold(tenant, new Held(register.timestamp(), register.getValue())));
            }
            return Behaviors.same();
          })
          .build();
    });
  }

  /** A put replaces the entry whatever its timestamp: never let an older change replace a newer one. */
  private static boolean newer(LWWMap<String, StoredSignalThresholds> map, Publish p) {
    var held = map.underlying().getEntries().get(p.tenant());
    return held == null || held.timestamp() <= p.version();
  }
}
