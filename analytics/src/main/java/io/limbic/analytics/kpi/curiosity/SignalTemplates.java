package io.limbic.analytics.kpi.curiosity;

import static io.limbic.analytics.kpi.curiosity.Regressions.index;
import static io.limbic.analytics.kpi.curiosity.Regressions.lift;
import static io.limbic.analytics.kpi.curiosity.Regressions.product;
import static io.limbic.analytics.kpi.curiosity.Regressions.ratio;
import static io.limbic.analytics.kpi.curiosity.Regressions.window;

import io.limbic.analytics.kpi.lift.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Templates about labelled signals (campaigns, holidays, product events marked as signals, variants sent). */
final class SignalTemplates {
  private SignalTemplates() {}

  interface PairTest {
    Effect run(SeriesSet s, double[] signal, double[] kpi);
  }

  static List<HypothesisTemplate> all() {
    return List.of(
        pairs("signal_lifts_kpi", "signal X lifts KPI Y in segment Z", 0,
            (s, x, y) -> lift(s, y, x, 0)),
        pairs("signal_lifts_kpi_next_period", "signal X lifts KPI Y one period later in segment Z", 1,
            (s, x, y) -> lift(s, y, x, 1)),
        pairs("signal_lifts_kpi_next_week", "signal X lifts KPI Y seven periods later in segment Z", 7,
            (s, x, y) -> lift(s, y, x, 7)),
        pairs("signal_carryover", "signal X keeps lifting KPI Y over the three periods after it, in segment Z", 1,
            (s, x, y) -> lift(s, y, window(x, 1, 3), 0, x)),
        pairs("signal_fatigue", "the lift of signal X on KPI Y changes over time (fatigue) in segment Z", 0,
            (s, x, y) -> lift(s, y, product(x, index(s.length())), 0, x)),
        pairs("signal_after_dip", "KPI Y dips the period after signal X ends, in segment Z", 1,
            (s, x, y) -> lift(s, y, ended(x), 0, x)),
        new HypothesisTemplate("signal_diminishing_returns",
            "count signal X has diminishing returns on KPI Y in segment Z", s -> diminishing(s)),
        signalOn("signal_moves_emotion", "signal X changes the emotion KPI Y one period later in segment Z",
            s -> s.emotions(false), 1, (s, x, y) -> lift(s, y, x, 1)),
        ratioOf("signal_lifts_conversion_rate", "signal X lifts conversions per session in segment Z",
            "conversions", "sessions"),
        ratioOf("signal_lifts_revenue_per_user", "signal X lifts revenue per active user in segment Z",
            "revenue", "active_users"));
  }

  /** One hypothesis per signal (excluding intervention variants, which have their own templates) and outcome KPI. */
  static HypothesisTemplate pairs(String id, String pattern, int lag, PairTest test) {
    return signalOn(id, pattern, SeriesSet::outcomes, lag, test);
  }

  static HypothesisTemplate signalOn(String id, String pattern, Function<SeriesSet, List<String>> kpis, int lag,
      PairTest test) {
    return new HypothesisTemplate(id, pattern, s -> {
      List<Hypothesis> out = new ArrayList<>();
      for (String signal : s.signalNames()) {
        if (signal.startsWith(SeriesSet.INTERVENTIONS)) continue;
        for (String kpi : kpis.apply(s)) {
          double[] x = s.signals().get(signal);
          double[] y = s.kpis().get(kpi);
          out.add(new Hypothesis(id, statement(pattern, signal, kpi, s.segment()), s.segment(), kpi, signal, lag,
              () -> test.run(s, x, y)));
        }
      }
      return out;
    });
  }

  private static HypothesisTemplate ratioOf(String id, String pattern, String numerator, String denominator) {
    return new HypothesisTemplate(id, pattern, s -> {
      if (s.kpis().get(numerator) == null || s.kpis().get(denominator) == null) return List.of();
      double[] y = ratio(s.kpis().get(numerator), s.kpis().get(denominator));
      String kpi = numerator + "/" + denominator;
      List<Hypothesis> out = new ArrayList<>();
      for (String signal : s.signalNames()) {
        if (signal.startsWith(SeriesSet.INTERVENTIONS)) continue;
        double[] x = s.signals().get(signal);
        out.add(new Hypothesis(id, statement(pattern, signal, kpi, s.segment()), s.segment(), kpi, signal, 0,
            () -> lift(s, y, x, 0)));
      }
      return out;
    });
  }

  private static List<Hypothesis> diminishing(SeriesSet s) {
    String id = "signal_diminishing_returns";
    List<Hypothesis> out = new ArrayList<>();
    for (String signal : s.signalNames()) {
      double[] x = s.signals().get(signal);
      if (!Regressions.isCount(x)) continue;
      for (String kpi : s.outcomes()) {
        double[] y = s.kpis().get(kpi);
        out.add(new Hypothesis(id, statement("count signal X has diminishing returns on KPI Y in segment Z", signal,
            kpi, s.segment()), s.segment(), kpi, signal, 0, () -> lift(s, y, product(x, x), 0, x)));
      }
    }
    return out;
  }

  /** 1 in the period after one where the signal was applied, when it is no longer applied. */
  private static double[] ended(double[] x) {
    double[] out = new double[x.length];
    out[0] = Double.NaN;
    for (int t = 1; t < x.length; t++) out[t] = x[t - 1] > 0 && x[t] == 0 ? 1 : 0;
    return out;
  }

  static String statement(String pattern, String subject, String kpi, String segment) {
    return pattern.replace("signal X", "signal " + subject).replace("variant V", "variant " + subject)
        .replace("emotion E", subject.startsWith(SeriesSet.EMOTIONS) ? subject : "emotion " + subject)
        .replace("KPI Y", kpi).replace("KPI A", subject).replace("segment Z", "segment " + segment);
  }
}
