package io.limbic.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.user.UserCommand;

/**
 * Whether this node serves: its readiness ({@code /ready}, through {@link Check}) says yes only once the API is
 * bound and a user and a session entity have answered here (so shard allocation, the journal's first queries and the
 * pools' first connections are behind it, not in front of the first client's request), and says no again as soon as
 * the node begins to stop, before the API unbinds.
 */
public final class Serving {
  /** The entity the warm-up reads: in the tenant id the node reserves for itself, never a person. */
  static final TenantScopedId PROBE = new TenantScopedId("limbic", "limbic.readiness-probe");
  private static final Set<ActorSystem> SERVING = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private Serving() {}

  static void start(ActorSystem system) {
    SERVING.add(system);
  }

  static void stop(ActorSystem system) {
    SERVING.remove(system);
  }

  static boolean serves(ActorSystem system) {
    return SERVING.contains(system);
  }

  /**
   * Asks the probe user and session until both answer (any answer: the probe has no state), each ask bounded by
   * {@code askTimeout}, for at most {@code within}; fails when they never do.
   */
  static void warmUp(ClusterSharding sharding, Duration askTimeout, Duration within) {
    Instant deadline = Instant.now().plus(within);
    EntityRef<UserCommand> user = sharding.entityRefFor(UserCommand.ENTITY_TYPE, PROBE.entityId());
    EntityRef<SessionCommand> session = sharding.entityRefFor(SessionCommand.ENTITY_TYPE, PROBE.entityId());
    answered(() -> user.ask(UserCommand.GetUser::new, askTimeout), askTimeout, deadline, "a user entity");
    answered(() -> session.ask(SessionCommand.GetSession::new, askTimeout), askTimeout, deadline, "a session entity");
  }

  private static void answered(Supplier<CompletionStage<?>> ask, Duration askTimeout, Instant deadline, String what) {
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        ask.get().toCompletableFuture().get(askTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what + " to answer", e);
      } catch (Exception e) {
        last = new IllegalStateException(what + " did not answer: " + e, e);
      }
    }
    throw last != null ? last : new IllegalStateException(what + " did not answer in time");
  }

  /** pekko-management's readiness check ({@code pekko.management.health-checks.readiness-checks}). */
  public static final class Check implements Supplier<CompletionStage<Boolean>> {
    private final ActorSystem system;

    public Check(ActorSystem system) {
      this.system = system;
    }

    @Override
    public CompletionStage<Boolean> get() {
      return CompletableFuture.completedFuture(serves(system));
    }
  }
}
