package io.limbic.analytics.interventions;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Decides whether an emotion change leads to an exposure: the first matching context, unless the user is still
 * within an episode of that context (then the sticky choice stands and nothing new is decided).
 */
public final class InterventionPolicy {
  private InterventionPolicy() {}

  /** A new exposure to persist, or empty (no context matches, or the user's episode in it is still open). */
  public static Optional<Decision> decide(
      InterventionConfig config, EmotionMoment moment, Collection<Exposure> exposures, Instant now,
      Function<String, Map<String, ArmCounts>> countsByContext, RandomGenerator random) {
    Optional<InterventionContext> context = config.firstMatch(moment);
    if (context.isEmpty()) return Optional.empty();
    if (episode(exposures, context.get().id(), now).isPresent()) return Optional.empty();
    return Optional.of(ThompsonChooser.choose(context.get(), countsByContext.apply(context.get().id()),
        config.holdout(), config.burnIn(), config.floor(), random));
  }

  /** The user's open exposure in a context, if any: the sticky choice of the episode. */
  public static Optional<Exposure> episode(Collection<Exposure> exposures, String contextId, Instant now) {
    return exposures.stream().filter(e -> e.contextId().equals(contextId) && e.openAt(now)).findFirst();
  }
}
