package io.limbic.cluster.user;

import io.limbic.analytics.interventions.Decision;
import io.limbic.analytics.interventions.EmotionMoment;
import io.limbic.analytics.interventions.InterventionConfig;
import io.limbic.analytics.interventions.InterventionContext;
import io.limbic.analytics.interventions.InterventionPolicy;
import io.limbic.analytics.interventions.Variant;
import io.limbic.cluster.interventions.InterventionRuntime;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.intervention.InterventionPush;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserCommand.RecordEmotion;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.InterventionDecided;
import io.limbic.protocol.user.UserEvent.InterventionOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The user's side of interventions, called from the entity's handlers: decides on an emotion change (from this
 * node's copies of the config and the posterior counts, no actor asked), attributes product events to open
 * decisions, and after the events are persisted bumps the replicated counts and pushes in-page variants to the
 * session. The delivery agent repeats each push and sends webhooks (at least once).
 */
final class InterventionDecisions {
  private final InterventionRuntime runtime;
  private final TenantScopedId id;
  private final Clock clock;
  private final ActorSystem<?> system;

  InterventionDecisions(ActorSystem<?> system, TenantScopedId id, Clock clock) {
    this.system = system;
    this.runtime = InterventionRuntime.get(system);
    this.id = id;
    this.clock = clock;
    // Ask for the tenant's config now, long before this user's first emotion needs it.
    if (runtime.enabled()) runtime.configs().current(id.tenant());
  }

  /** The decision to persist with the emotion, if any. */
  List<UserEvent> decide(UserState state, RecordEmotion cmd) {
    if (!runtime.enabled()) return List.of();
    InterventionConfig config = runtime.configs().current(id.tenant());
    if (config.contexts().isEmpty()) return List.of();
    Instant now = clock.instant();
    if (ActionableEmotion.isStale(cmd.at(), now)) return List.of();
    EmotionMoment moment = new EmotionMoment(cmd.state(), cmd.confidence(), cmd.url(), cmd.section(), state.value());
    Optional<Decision> decision = InterventionPolicy.decide(config, moment, state.interventions().exposures(), now,
        context -> runtime.posteriors().counts(id.tenant(), context), ThreadLocalRandom.current());
    if (decision.isEmpty()) return List.of();
    Decision d = decision.get();
    InterventionContext context = config.context(d.contextId()).orElseThrow();
    Variant variant = d.isHoldout() ? null : context.variant(d.variantId());
    String emotionKey = cmd.emotionId() != null ? cmd.emotionId() : cmd.sessionId() + "@" + cmd.at();
    return List.of(new InterventionDecided(
        id.tenant(), id.id(), now, decisionId(emotionKey, d.contextId()), cmd.sessionId(), d.contextId(),
        d.variantId(), d.reason().name().toLowerCase(Locale.ROOT), cmd.emotionId(), cmd.state(), cmd.confidence(),
        variant == null ? null : variant.channel(), variant == null ? null : variant.url(),
        variant == null ? null : variant.payload(), variant == null ? 0 : variant.cost(), state.value(),
        now.plus(config.attributionWindow()), config.successEvent(), config.failureEvent()));
  }

  /** A decision's id: the same for the same emotion and context, so a replayed emotion names the same decision. */
  static String decisionId(String emotionKey, String contextId) {
    return UUID.nameUUIDFromBytes((emotionKey + "|" + contextId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** After the decision is persisted: count the exposure on every node's posterior, push an in-page variant. */
  void decided(List<UserEvent> events) {
    for (UserEvent e : events) {
      if (!(e instanceof InterventionDecided d)) continue;
      if (d.holdout()) continue;
      runtime.posteriors().exposed(id.tenant(), d.contextId(), d.variantId());
      if (Variant.IN_PAGE.equals(d.channel()) && d.sessionId() != null) {
        ClusterSharding.get(system)
            .entityRefFor(SessionCommand.ENTITY_TYPE, new TenantScopedId(id.tenant(), d.sessionId()).entityId())
            .tell(new SessionCommand.PushIntervention(push(d), system.ignoreRef()));
      }
    }
  }

  static InterventionPush push(InterventionDecided d) {
    return new InterventionPush(d.decisionId(), d.contextId(), d.variantId(), d.payload());
  }

  /**
   * Outcomes of freshly recorded product events: the first event of a decision's success or failure type recorded
   * while its window is open (by the time it is recorded, not the client's time) is that decision's outcome.
   */
  List<UserEvent> outcomes(UserState state, List<ProductEvent> fresh, Instant recordedAt) {
    List<UserEvent> outcomes = new ArrayList<>();
    List<String> decided = new ArrayList<>();
    for (InterventionState.Entry entry : state.interventions().awaitingOutcome(recordedAt)) {
      for (ProductEvent p : fresh) {
        String outcome = p.type().equals(entry.successEvent()) ? InterventionOutcome.SUCCESS
            : p.type().equals(entry.failureEvent()) ? InterventionOutcome.FAILURE : null;
        if (outcome == null || decided.contains(entry.decisionId())) continue;
        decided.add(entry.decisionId());
        outcomes.add(new InterventionOutcome(id.tenant(), id.id(), recordedAt, entry.decisionId(), entry.contextId(),
            entry.variantId(), outcome, p.id(), p.type()));
      }
    }
    return outcomes;
  }

  /**
   * After outcomes are persisted: successes raise the variant's success count. Failures change no counter: the
   * posterior counts every exposure without a success as a failure ({@code ArmCounts}).
   */
  void attributed(List<UserEvent> events) {
    if (!runtime.enabled()) return;
    for (UserEvent e : events) {
      if (e instanceof InterventionOutcome o && o.outcome().equals(InterventionOutcome.SUCCESS)
          && !"holdout".equals(o.variantId())) {
        runtime.posteriors().succeeded(id.tenant(), o.contextId(), o.variantId());
      }
    }
  }
}
