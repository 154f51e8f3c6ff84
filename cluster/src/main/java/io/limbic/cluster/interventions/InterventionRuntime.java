package io.limbic.cluster.interventions;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * What the hot path needs on every node: the config copies and the replicated posterior counts. An actor system
 * that is not a cluster member (an entity unit test) gets a runtime that decides nothing.
 */
public final class InterventionRuntime implements Extension {
  private static final ExtensionId<InterventionRuntime> ID =
      new ExtensionId<>() {
        @Override
        public InterventionRuntime createExtension(ActorSystem<?> system) {
          return new InterventionRuntime(system);
        }
      };

  private final InterventionConfigs configs;
  private final PosteriorCounts posteriors;

  private InterventionRuntime(ActorSystem<?> system) {
    boolean cluster = system.settings().config().getString("pekko.actor.provider").equals("cluster");
    if (cluster) {
      Config c = system.settings().config().getConfig("limbic.interventions");
      Duration ask = system.settings().config().getDuration("limbic.http.ask-timeout");
      this.configs = new InterventionConfigs(ClusterSharding.get(system), c.getDuration("config-refresh"), ask);
      this.posteriors = new PosteriorCounts(system);
    } else {
      this.configs = null;
      this.posteriors = null;
    }
  }

  public static InterventionRuntime get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public boolean enabled() {
    return configs != null;
  }

  public InterventionConfigs configs() {
    return configs;
  }

  public PosteriorCounts posteriors() {
    return posteriors;
  }
}
