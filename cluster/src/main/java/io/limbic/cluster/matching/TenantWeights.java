package io.limbic.cluster.matching;

import io.limbic.analytics.matching.scoring.MutualFitter;
import io.limbic.analytics.matching.scoring.MutualProbability;
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
 * Each tenant's P(mutual) model in force, fitted on demand and cached per node: the first deep phase or quality
 * report of a tenant reads the decisions about its latest logged matches ({@link MatchOutcomes}, at most
 * {@code window} matches) and fits them ({@link MutualFitter}); the result, fitted or "too few outcomes", is kept for {@code refitInterval}, after which
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
      return cached != null ? cached
          : WeightsInForce.of(MutualProbability.DEFAULT, "the match log could not be read", now, 0, 0);
    }
  }

  /** The fitted model, or null when the defaults are in force. */
  public MutualProbability fitted(String tenant) {
    return inForce(tenant).fitted();
  }

  private WeightsInForce fit(String tenant, Instant now) throws SQLException {
    MatchOutcomes.Decisions logged = outcomes.latest(tenant, window);
    Optional<MutualProbability> fitted = MutualFitter.fit(logged.forward(), logged.backward());
    String forward = describe("searchers'", logged.forward());
    String backward = describe("candidates'", logged.backward());
    String reason = fitted.isEmpty() ? forward + "; " + backward
        : !MutualFitter.fits(logged.forward()) ? forward + " (the forward side keeps its defaults)"
        : !MutualFitter.fits(logged.backward()) ? backward + " (the backward side keeps its defaults)" : null;
    return WeightsInForce.of(fitted.orElse(MutualProbability.DEFAULT), reason, now, logged.forward().size(),
        logged.backward().size());
  }

  private static String describe(String whose, List<MutualFitter.Decision> decisions) {
    long yes = decisions.stream().filter(MutualFitter.Decision::yes).count();
    return String.format(Locale.ROOT,
        "%d %s decisions about logged matches, %d yes and %d no: a side is fitted from at least %d, with at least %d"
            + " of each", decisions.size(), whose, yes, decisions.size() - yes, MutualFitter.MIN_DECISIONS,
        MutualFitter.MIN_EACH);
  }
}
