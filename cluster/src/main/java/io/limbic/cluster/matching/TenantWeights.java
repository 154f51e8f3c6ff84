package io.limbic.cluster.matching;

import io.limbic.analytics.matching.scoring.FittedWeights;
import io.limbic.analytics.matching.scoring.WeightFitter;
import io.limbic.projections.matching.MatchOutcomes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's combination in force, fitted on demand and cached per node: the first deep phase or quality report
 * of a tenant reads its latest logged outcomes ({@link MatchOutcomes}, at most {@code window}) and fits them
 * ({@link WeightFitter}); the result, fitted or "too few outcomes", is kept for {@code refitInterval}, after which
 * the next caller fits again. Two callers may fit the same tenant at once; both get a correct answer and the later
 * one is kept. Blocking (it reads the database): call it from a job thread or the blocking dispatcher.
 */
public final class TenantWeights {
  private static final Logger log = LoggerFactory.getLogger(TenantWeights.class);

  private final MatchOutcomes outcomes;
  private final Clock clock;
  private final Duration refitInterval;
  private final int window;
  private final Map<String, WeightsInForce> cache = new ConcurrentHashMap<>();

  public TenantWeights(MatchOutcomes outcomes, Clock clock, Duration refitInterval, int window) {
    this.outcomes = outcomes;
    this.clock = clock;
    this.refitInterval = refitInterval;
    this.window = window;
  }

  public WeightsInForce inForce(String tenant) {
    Instant now = clock.instant();
    WeightsInForce cached = cache.get(tenant);
    if (cached != null && cached.checkedAt().plus(refitInterval).isAfter(now)) return cached;
    try {
      WeightsInForce fresh = fit(tenant, now);
      cache.put(tenant, fresh);
      return fresh;
    } catch (SQLException e) {
      // Not cached: the next caller tries again. Matching goes on with what was in force, or the defaults.
      log.warn("Could not read the match log of tenant {} to fit its weights", tenant, e);
      return cached != null ? cached : WeightsInForce.defaults("the match log could not be read", now, 0, 0);
    }
  }

  /** The fitted combination, or null when the defaults are in force. */
  public FittedWeights combination(String tenant) {
    return inForce(tenant).combination();
  }

  private WeightsInForce fit(String tenant, Instant now) throws SQLException {
    List<WeightFitter.Outcome> logged = outcomes.latest(tenant, window);
    Optional<FittedWeights> fitted = WeightFitter.fit(logged);
    if (fitted.isPresent()) return WeightsInForce.fitted(fitted.get(), now);
    int positives = (int) logged.stream().filter(WeightFitter.Outcome::positive).count();
    return WeightsInForce.defaults(String.format(Locale.ROOT,
        "%d logged outcomes, %d mutual and %d not: a fit needs at least %d, with at least %d of each",
        logged.size(), positives, logged.size() - positives, WeightFitter.MIN_OUTCOMES, WeightFitter.MIN_POSITIVES),
        now, logged.size(), positives);
  }
}
