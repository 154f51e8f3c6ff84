package io.limbic.analytics.kpi.curiosity;

import static io.limbic.analytics.kpi.curiosity.Regressions.lift;
import static io.limbic.analytics.kpi.curiosity.SignalTemplates.statement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Templates about interventions by variant, emotions and EVI. */
final class BehaviourTemplates {
  private BehaviourTemplates() {}

  static List<HypothesisTemplate> all() {
    return List.of(
        on("variant_raises_conversions", "interventions of variant V raise conversions in segment Z",
            SeriesSet::variants, "conversions", 0),
        on("variant_raises_revenue", "interventions of variant V raise revenue in segment Z",
            SeriesSet::variants, "revenue", 0),
        on("variant_lowers_churn", "interventions of variant V lower churn one period later in segment Z",
            SeriesSet::variants, "churned", 1),
        on("variant_reengages", "interventions of variant V raise sessions one period later in segment Z",
            SeriesSet::variants, "sessions", 1),
        on("emotion_predicts_churn", "emotion E predicts churn one period later in segment Z",
            s -> s.emotions(false), "churned", 1),
        on("emotion_predicts_conversions", "emotion E predicts conversions in the same period in segment Z",
            s -> s.emotions(false), "conversions", 0),
        on("emotion_on_page_predicts_churn", "emotion E on page P predicts churn one period later in segment Z",
            s -> s.emotions(true), "churned", 1),
        new HypothesisTemplate("evi_predicts_revenue",
            "EVI predicts revenue one period later beyond revenue's own past, in segment Z", s -> eviRevenue(s)));
  }

  private static HypothesisTemplate on(String id, String pattern, Function<SeriesSet, List<String>> subjects,
      String kpi, int lag) {
    return new HypothesisTemplate(id, pattern, s -> {
      double[] y = s.kpis().get(kpi);
      if (y == null) return List.of();
      List<Hypothesis> out = new ArrayList<>();
      for (String subject : subjects.apply(s)) {
        double[] x = s.series(subject);
        String name = subject.startsWith(SeriesSet.INTERVENTIONS)
            ? subject.substring(SeriesSet.INTERVENTIONS.length()) : subject;
        out.add(new Hypothesis(id, statement(pattern, name, kpi, s.segment()), s.segment(), kpi, subject, lag,
            () -> lift(s, y, x, lag)));
      }
      return out;
    });
  }

  private static List<Hypothesis> eviRevenue(SeriesSet s) {
    double[] evi = s.kpis().get("evi");
    double[] revenue = s.kpis().get("revenue");
    if (evi == null || revenue == null) return List.of();
    double[] ownPast = io.limbic.analytics.kpi.lift.Design.lagged(revenue, 1);
    return List.of(new Hypothesis("evi_predicts_revenue",
        "EVI predicts revenue one period later beyond revenue's own past, in segment " + s.segment(), s.segment(),
        "revenue", "evi", 1, () -> lift(s, revenue, evi, 1, ownPast)));
  }
}
