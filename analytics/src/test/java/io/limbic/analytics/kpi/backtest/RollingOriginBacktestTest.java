package io.limbic.analytics.kpi.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.analytics.kpi.ModelSpec;
import io.limbic.analytics.kpi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RollingOriginBacktestTest {
  static final Instant DAY0 = Instant.parse("2026-01-05T00:00:00Z");
  static final double[] SESSIONS = {10, 12, 11, 0, 14, 15, 13, 16, 20, 18, 17, 25};
  static final ModelSpec SPEC = new ModelSpec("step_up", 1, List.of("sessions"), List.of(), Set.of(), Map.of(),
      ModelSpec.Init.DIFFUSE, 10, 1e-6);

  static KpiPanel panel(double[] values) {
    List<Instant> periods = new ArrayList<>();
    double[][] y = new double[values.length][];
    double[][] u = new double[values.length][0];
    for (int t = 0; t < values.length; t++) {
      periods.add(DAY0.plus(Duration.ofDays(t)));
      // a second KPI the spec does not ask for: the backtest must pick the right column
      y[t] = new double[] {-1, values[t]};
    }
    return new KpiPanel(periods, List.of("revenue", "sessions"), List.of(), y, u);
  }

  @Test
  void oneStepAheadMetricsMatchTheHandComputedValues() {
    StepUpForecaster model = new StepUpForecaster();
    BacktestResult result = new RollingOriginBacktest(model, model)
        .run(panel(SESSIONS), SPEC, new BacktestPlan(2, 1, 1, 0, 7), Progress.NONE);

    assertEquals(10, result.origins());
    assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11), model.fittedLengths, "fitted on the past only");
    Prediction first = result.predictions().get(0);
    assertEquals(DAY0.plus(Duration.ofDays(2)), first.period());
    assertEquals(first.period(), first.origin());
    assertEquals(13, first.predicted());
    assertEquals(11, first.actual());
    assertEquals(12, first.reference());

    ForecastMetrics m = result.metrics().get("sessions");
    assertEquals(10, m.n());
    // MAPE over the 9 non-zero actuals (t = 3 has actual 0):
    // (2/11 + 13/14 + 0 + 3/13 + 2/16 + 3/20 + 3/18 + 2/17 + 7/25) / 9
    assertEquals(1, m.mapeSkipped());
    assertEquals((2.0 / 11 + 13.0 / 14 + 3.0 / 13 + 2.0 / 16 + 3.0 / 20 + 3.0 / 18 + 2.0 / 17 + 7.0 / 25) / 9,
        m.mape(), 1e-12);
    assertEquals(0.24227472962767083, m.mape(), 1e-12);
    // sMAPE: 2|a-p|/(|a|+|p|): 4/24, 24/12, 26/15, 0, 6/29, 4/30, 6/37, 6/39, 4/36, 14/43
    assertEquals((4.0 / 24 + 2 + 26.0 / 15 + 6.0 / 29 + 4.0 / 30 + 6.0 / 37 + 6.0 / 39 + 4.0 / 36 + 14.0 / 43) / 10,
        m.smape(), 1e-12);
    // always predicts "up"; the actual went up at t = 4, 5, 7, 8, 11
    assertEquals(0.5, m.directionalAccuracy(), 1e-12);
    // inside [p - 2, p + 2] at t = 2, 5, 7, 10
    assertEquals(0.4, m.coverage95(), 1e-12);
    // the top-decile actual (25, t = 11) was predicted 18; the top-decile prediction was 21 (t = 9)
    assertEquals(0.0, m.rushDayRecall(), 1e-12);
    assertEquals(0.39878516361665745, m.correlation(), 1e-12);
  }

  @Test
  void longerHorizonsStepOverOriginsAndStopAtTheEndOfTheData() {
    StepUpForecaster model = new StepUpForecaster();
    BacktestResult result = new RollingOriginBacktest(model, model)
        .run(panel(SESSIONS), SPEC, new BacktestPlan(2, 3, 2, 0, 7), Progress.NONE);
    assertEquals(List.of(2, 5, 8, 11), model.fittedLengths);
    assertEquals(7, result.predictions().size());
    Prediction second = result.predictions().get(1);
    assertEquals(2, second.step());
    assertEquals(DAY0.plus(Duration.ofDays(3)), second.period());
    assertEquals(12 + 2, second.predicted(), "two steps up from the last value 12");
    assertEquals(12, second.reference());
  }

  @Test
  void missingActualsAreKeptButNotScored() {
    double[] values = SESSIONS.clone();
    values[11] = Double.NaN;
    StepUpForecaster model = new StepUpForecaster();
    BacktestResult result = new RollingOriginBacktest(model, model)
        .run(panel(values), SPEC, new BacktestPlan(2, 1, 1, 0, 7), Progress.NONE);
    assertEquals(10, result.predictions().size());
    assertFalse(result.predictions().get(9).hasActual());
    assertEquals(9, result.metrics().get("sessions").n());
  }

  @Test
  void rushDayRecallCountsTiesAtTheThreshold() {
    double[] actual = new double[20];
    double[] predicted = new double[20];
    for (int i = 0; i < 20; i++) {
      actual[i] = i;
      predicted[i] = i;
    }
    // top decile of 20 = the 2 largest: actual 18, 19; predicted cut 18
    predicted[19] = 0;
    assertEquals(0.5, BacktestMetrics.rushDayRecall(predicted, actual), 1e-12);
    predicted[19] = 18;
    assertEquals(1.0, BacktestMetrics.rushDayRecall(predicted, actual), 1e-12);
  }

  @Test
  void cancellationStopsBetweenOrigins() {
    StepUpForecaster model = new StepUpForecaster();
    Progress cancelled = new Progress() {
      @Override
      public void report(double fraction) {}

      @Override
      public boolean cancelled() {
        return true;
      }
    };
    assertThrows(Progress.Cancelled.class, () -> new RollingOriginBacktest(model, model)
        .run(panel(SESSIONS), SPEC, new BacktestPlan(2, 1, 1, 0, 7), cancelled));
  }

  @Test
  void theCalendarContinuesTheSpacingAndFlagsRushDays() {
    StepUpForecaster model = new StepUpForecaster();
    List<CalendarDay> days = PredictiveCalendar.forecast(model, model, panel(SESSIONS), SPEC, null, 3, 0, 1,
        Progress.NONE);
    assertEquals(3, days.size());
    assertEquals(DAY0.plus(Duration.ofDays(12)), days.get(0).period());
    assertEquals(26, days.get(0).predicted());
    // threshold: the 2nd largest of 12 observed values (ceil(12/10) = 2) is 20
    assertTrue(days.stream().allMatch(CalendarDay::rush));
  }
}
