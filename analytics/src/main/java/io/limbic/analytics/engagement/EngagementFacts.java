package io.limbic.analytics.engagement;

import io.limbic.analytics.time.EpochMillis;
import java.time.Instant;
import java.util.Locale;

/**
 * What one user's journal says about their engagement, folded event by event and bounded: the gaps between their
 * active periods, when the periods started, and when they showed frustration or contentment and had good or bad
 * outcomes. The latest {@link #CAP} of each kind are kept; the model counts them within its window.
 *
 * @param activePeriods active periods ever started (not bounded)
 * @param gaps the latest gaps in milliseconds, each from the last activity of one period to the start of the next
 * @param periodStarts when the latest periods started
 * @param frustrations when a session of the user turned {@code rage} or {@code frustration}
 * @param contentments when a session of the user turned {@code engagement} or {@code calm}
 * @param losses product events {@code churn} or {@code refund}, at their own times
 * @param wins product events {@code purchase} or {@code renewal}, at their own times
 */
public record EngagementFacts(
    long activePeriods, RecentValues gaps, RecentValues periodStarts, RecentValues frustrations,
    RecentValues contentments, RecentValues losses, RecentValues wins) {

  /** How many values of each kind are kept: 7 x 32 longs, under 2 KB a user. */
  public static final int CAP = 32;

  public EngagementFacts {
    gaps = orEmpty(gaps);
    periodStarts = orEmpty(periodStarts);
    frustrations = orEmpty(frustrations);
    contentments = orEmpty(contentments);
    losses = orEmpty(losses);
    wins = orEmpty(wins);
  }

  public static EngagementFacts empty() {
    return new EngagementFacts(0, null, null, null, null, null, null);
  }

  /**
   * A new active period started at {@code start}; {@code previousLastActive} is the last activity before it (null
   * for the user's first period, which ends no gap).
   */
  public EngagementFacts withPeriodStart(Instant previousLastActive, Instant start) {
    RecentValues g = gaps;
    if (previousLastActive != null) {
      g = g.add(Math.max(0, EpochMillis.of(start) - EpochMillis.of(previousLastActive)), CAP);
    }
    return new EngagementFacts(
        activePeriods + 1, g, periodStarts.add(EpochMillis.of(start), CAP), frustrations, contentments, losses, wins);
  }

  /** A session's new emotional state; the states that say nothing about engagement change nothing. */
  public EngagementFacts withEmotion(String state, Instant at) {
    return switch (emotionSign(state)) {
      case 1 -> new EngagementFacts(activePeriods, gaps, periodStarts, frustrations,
          contentments.add(EpochMillis.of(at), CAP), losses, wins);
      case -1 -> new EngagementFacts(activePeriods, gaps, periodStarts,
          frustrations.add(EpochMillis.of(at), CAP), contentments, losses, wins);
      default -> this;
    };
  }

  /** A product event; the types that are neither a win nor a loss change nothing. */
  public EngagementFacts withOutcome(String type, Instant at) {
    return switch (outcomeSign(type)) {
      case 1 -> new EngagementFacts(activePeriods, gaps, periodStarts, frustrations, contentments, losses,
          wins.add(EpochMillis.of(at), CAP));
      case -1 -> new EngagementFacts(activePeriods, gaps, periodStarts, frustrations, contentments,
          losses.add(EpochMillis.of(at), CAP), wins);
      default -> this;
    };
  }

  /** +1 for {@code engagement} and {@code calm}, -1 for {@code rage} and {@code frustration}, else 0. */
  public static int emotionSign(String state) {
    return switch (state == null ? "" : state.toLowerCase(Locale.ROOT)) {
      case "engagement", "calm" -> 1;
      case "rage", "frustration" -> -1;
      default -> 0;
    };
  }

  /** +1 for {@code purchase} and {@code renewal}, -1 for {@code churn} and {@code refund}, else 0. */
  public static int outcomeSign(String type) {
    return switch (type == null ? "" : type) {
      case "purchase", "renewal" -> 1;
      case "churn", "refund" -> -1;
      default -> 0;
    };
  }

  private static RecentValues orEmpty(RecentValues values) {
    return values == null ? RecentValues.empty() : values;
  }
}
