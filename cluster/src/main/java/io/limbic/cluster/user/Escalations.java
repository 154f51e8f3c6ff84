package io.limbic.cluster.user;

import io.limbic.cluster.escalation.EscalationRuntime;
import io.limbic.cluster.escalation.EscalationRuntime.Seen;
import io.limbic.protocol.user.UserCommand.RecordEmotion;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot path of executive escalation: an emotion the user just recorded opens an incident when the tenant's
 * policy fires for this user's lifetime value, without a projection in between. Fire and forget: the entity does
 * not wait for the incident; an open this misses (a lost message, a crash) is made up by the safety-net agent,
 * and both name the same session event, so the incident opens once.
 */
final class Escalations {
  private static final Logger log = LoggerFactory.getLogger(Escalations.class);
  private final EscalationRuntime runtime;

  Escalations(ActorSystem<?> system) {
    this.runtime = EscalationRuntime.get(system);
  }

  void consider(UserState state, RecordEmotion cmd) {
    if (!runtime.installed() || cmd.emotionId() == null) return;
    Seen seen = new Seen(state.tenant(), state.userId(), cmd.emotionId(), cmd.sessionId(), cmd.state(),
        cmd.confidence(), cmd.url(), cmd.section(), cmd.evidence(), cmd.at());
    var value = state.lifetimeValue();
    String company = state.company();
    runtime.policyFor(seen)
        .thenCompose(policy -> policy.isEmpty()
            ? java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty())
            : runtime.open(seen, policy.get(), value, company, "hot-path"))
        .whenComplete((opened, error) -> {
          if (error != null) log.info("Escalation of {} left to the safety net: {}", cmd.emotionId(), error.toString());
        });
  }
}
