package io.limbic.analytics.forensics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The emotional volatility index (EVI): how often and how far a page's sessions swing between emotional states,
 * per session-hour, on a 0-100 scale.
 *
 * <p>Each state sits on the valence-arousal plane (Russell's circumplex, placed by hand: rage unpleasant and
 * aroused, calm pleasant and quiet); a change from state a to b weighs the distance between them over the largest
 * distance between any two states, so rage after calm weighs 1 and hesitation after confusion little. With W the
 * sum of a page's change weights and H its session-hours, R = W / H and EVI = 100 x (1 - exp(-R / {@link #SCALE})):
 * 0 for a page where nobody's state moves, 63 at {@code SCALE} full-size swings per session-hour, approaching 100
 * beyond. Session time is the time between a session's consecutive events (emotion changes and periodic
 * summaries), each gap counted up to {@link #MAX_GAP} (longer: the session was away), on the page of the earlier
 * event and in the state it was in.
 */
public final class EmotionVolatility {
  /** Weighted changes per session-hour at which the index is 100 x (1 - 1/e) = 63. */
  public static final double SCALE = 6.0;
  public static final Duration MAX_GAP = Duration.ofMinutes(5);
  /** Until segments exist (issue 12) every figure is for the one segment of all users. */
  public static final String ALL_SEGMENT = "all";

  private static final Map<String, double[]> PLANE = Map.of(
      "rage", new double[] {-0.9, 0.9},
      "frustration", new double[] {-0.6, 0.5},
      "confusion", new double[] {-0.3, 0.2},
      "hesitation", new double[] {-0.1, -0.2},
      "engagement", new double[] {0.6, 0.5},
      "calm", new double[] {0.4, -0.6});
  private static final double WIDEST = widest();

  /** Where a session stood at its last event. */
  public record Cursor(String state, String page, Instant at) {}

  /**
   * What one event adds to a day's and page's totals: session time in a state, and changes with their weight in
   * thousandths (integers, so totals do not depend on the order groups are summed in).
   */
  public record Delta(LocalDate day, String page, String state, long millis, long changes, long weightMilli) {}

  /** A day's and page's totals. */
  public record Totals(long changes, long weightMilli, long millis) {
    public static final Totals NONE = new Totals(0, 0, 0);

    public Totals plus(Totals o) {
      return new Totals(changes + o.changes, weightMilli + o.weightMilli, millis + o.millis);
    }

    public double sessionHours() {
      return millis / 3_600_000.0;
    }

    public double weightedChanges() {
      return weightMilli / 1000.0;
    }

    /** The index, NaN without session time. */
    public double index() {
      return EmotionVolatility.index(weightedChanges(), sessionHours());
    }
  }

  private EmotionVolatility() {}

  /** 0 for the same state, 1 for the farthest pair; a state the plane does not know weighs 0.5 against any other. */
  public static double weight(String from, String to) {
    if (from.equals(to)) return 0;
    double[] a = PLANE.get(from);
    double[] b = PLANE.get(to);
    if (a == null || b == null) return 0.5;
    return Math.hypot(a[0] - b[0], a[1] - b[1]) / WIDEST;
  }

  public static double index(double weightedChanges, double sessionHours) {
    if (sessionHours <= 0) return Double.NaN;
    return 100 * (1 - Math.exp(-(weightedChanges / sessionHours) / SCALE));
  }

  /** A session's emotion reading: time since its last event, and a change when the state moved. */
  public static List<Delta> emotion(Cursor before, String state, String page, Instant at) {
    List<Delta> deltas = new ArrayList<>(2);
    if (before == null) return deltas;
    time(before, at, deltas);
    if (!before.state().equals(state)) {
      deltas.add(new Delta(day(at), page, null, 0, 1, Math.round(1000 * weight(before.state(), state))));
    }
    return deltas;
  }

  /** Any other event of the session (a summary): time passes in the state it is in. */
  public static List<Delta> tick(Cursor before, Instant at) {
    List<Delta> deltas = new ArrayList<>(1);
    if (before != null) time(before, at, deltas);
    return deltas;
  }

  private static void time(Cursor before, Instant at, List<Delta> deltas) {
    long millis = Math.min(Math.max(0, Duration.between(before.at(), at).toMillis()), MAX_GAP.toMillis());
    if (millis > 0) deltas.add(new Delta(day(at), before.page(), before.state(), millis, 0, 0));
  }

  public static LocalDate day(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static double widest() {
    double widest = 0;
    for (double[] a : PLANE.values()) {
      for (double[] b : PLANE.values()) widest = Math.max(widest, Math.hypot(a[0] - b[0], a[1] - b[1]));
    }
    return widest;
  }
}
