package io.limbic.analytics.kpi.curiosity;

import static io.limbic.analytics.kpi.curiosity.Regressions.calendar;
import static io.limbic.analytics.kpi.curiosity.Regressions.lift;

import io.limbic.analytics.kpi.lift.Design;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Templates about the calendar and the KPIs' own dynamics. */
final class CalendarTemplates {
  private CalendarTemplates() {}

  static List<HypothesisTemplate> all() {
    return List.of(
        new HypothesisTemplate("weekday_effect", "KPI Y differs on weekday D from the other days, in segment Z",
            CalendarTemplates::weekday),
        perKpi("weekend_effect", "KPI Y differs on weekends, in segment Z", (s, y) -> calendar(s, y,
            dayFlag(s, d -> d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY), false)),
        perKpi("trend", "KPI Y trends (change per period, beyond weekdays), in segment Z", (s, y) -> {
          double[] t = new double[s.length()];
          for (int i = 0; i < t.length; i++) t[i] = i;
          return new Design(s.periods()).focal(t).weekdays().effect(y,
              io.limbic.analytics.kpi.lift.RobustOls.Covariance.EWC);
        }),
        perKpi("month_start_effect", "KPI Y differs in the first three days of a month, in segment Z",
            (s, y) -> calendar(s, y, monthStart(s), true)),
        perKpi("momentum", "KPI Y carries over from one period to the next beyond weekdays, in segment Z",
            (s, y) -> lift(s, y, y, 1)),
        new HypothesisTemplate("kpi_leads_kpi",
            "KPI A predicts KPI Y one period later beyond Y's own past, in segment Z", CalendarTemplates::leads));
  }

  interface KpiTest {
    io.limbic.analytics.kpi.lift.Effect run(SeriesSet s, double[] y);
  }

  private static HypothesisTemplate perKpi(String id, String pattern, KpiTest test) {
    return new HypothesisTemplate(id, pattern, s -> {
      List<Hypothesis> out = new ArrayList<>();
      for (String kpi : s.outcomes()) {
        double[] y = s.kpis().get(kpi);
        out.add(new Hypothesis(id, SignalTemplates.statement(pattern, kpi, kpi, s.segment()), s.segment(), kpi, kpi,
            0, () -> test.run(s, y)));
      }
      return out;
    });
  }

  private static List<Hypothesis> weekday(SeriesSet s) {
    List<Hypothesis> out = new ArrayList<>();
    for (String kpi : s.outcomes()) {
      double[] y = s.kpis().get(kpi);
      for (DayOfWeek day : DayOfWeek.values()) {
        String name = day.name().toLowerCase(Locale.ROOT);
        out.add(new Hypothesis("weekday_effect", kpi + " differs on " + name + " from the other days, in segment "
            + s.segment(), s.segment(), kpi, name, 0, () -> calendar(s, y, dayFlag(s, d -> d == day), false)));
      }
    }
    return out;
  }

  private static List<Hypothesis> leads(SeriesSet s) {
    List<Hypothesis> out = new ArrayList<>();
    for (String leader : s.outcomes()) {
      for (String kpi : s.outcomes()) {
        if (leader.equals(kpi)) continue;
        double[] x = s.kpis().get(leader);
        double[] y = s.kpis().get(kpi);
        out.add(new Hypothesis("kpi_leads_kpi", leader + " predicts " + kpi + " one period later beyond " + kpi
            + "'s own past, in segment " + s.segment(), s.segment(), kpi, leader, 1,
            () -> lift(s, y, x, 1, Design.lagged(y, 1))));
      }
    }
    return out;
  }

  private static double[] dayFlag(SeriesSet s, java.util.function.Predicate<DayOfWeek> which) {
    double[] out = new double[s.length()];
    for (int t = 0; t < out.length; t++) {
      out[t] = which.test(s.periods().get(t).atZone(ZoneOffset.UTC).getDayOfWeek()) ? 1 : 0;
    }
    return out;
  }

  private static double[] monthStart(SeriesSet s) {
    double[] out = new double[s.length()];
    for (int t = 0; t < out.length; t++) out[t] = s.periods().get(t).atZone(ZoneOffset.UTC).getDayOfMonth() <= 3 ? 1 : 0;
    return out;
  }
}
