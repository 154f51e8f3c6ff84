package io.limbic.projections.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.backtest.CalendarDay;
import io.limbic.analytics.kpi.backtest.Prediction;
import io.limbic.projections.matching.ReadModelDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The insight jobs over a real model (last value) and generated series, storing into a migrated H2 database. */
class InsightJobsTest {
  static final Instant DAY0 = InlineSeries.DAY0;
  final ReadModelDatabase db = database();

  ReadModelDatabase database() {
    return ReadModelDatabase.h2();
  }

  @AfterEach
  void close() {
    db.close();
  }

  static Clock at(int day) {
    return Clock.fixed(DAY0.plus(Duration.ofDays(day)).plusSeconds(3600), ZoneOffset.UTC);
  }

  /** Sessions: 100 on weekdays, 130 on Saturdays (rush days); a campaign every 5th day adds 20 conversions. */
  static final InlineSeries SERIES = new InlineSeries((name, day) -> switch (name) {
    case "sessions" -> day % 7 == 5 ? 130 : 100;
    case "campaign" -> day % 5 == 0 ? 1 : 0;
    case "conversions" -> 10 + (day % 5 == 0 ? 20 : 0) + new Random(day).nextGaussian();
    default -> 0;
  });

  static final String BACKTEST = "{\"segment\": \"all\", \"model\": {\"type\": \"last_value\", \"kpis\": "
      + "[\"sessions\"]}, \"from\": \"2026-01-05T00:00:00Z\", \"minHistory\": 14, \"step\": 7, \"horizon\": 7, "
      + "\"calendarDays\": 7}";

  BacktestWork backtest(Clock clock) {
    LastValueModel model = new LastValueModel();
    return new BacktestWork(SERIES, List.of(model), model, new BacktestRepository(db.dataSource), clock);
  }

  @Test
  void backtestStoresRunMetricsPredictionsAndCalendarAndLaterRunsFillActuals() throws Exception {
    JsonNode first = InsightJson.MAPPER.readTree(backtest(at(42)).run("t1", BACKTEST, Progress.NONE));
    // data: days 0..41 (to = day 42); origins 14, 21, 28, 35
    assertEquals(4, first.get("origins").asInt());
    assertEquals(28, first.get("predictions").asInt());
    assertEquals(0, first.get("actualsFilled").asInt());
    JsonNode metrics = first.get("metrics").get("sessions");
    assertEquals(28, metrics.get("n").asInt());
    // last value before each origin (a Sunday) is 100: every Saturday (130) is missed by 30, the rest exact
    assertEquals(4 * 30.0 / 130 / 28, metrics.get("mape").asDouble(), 1e-12);
    assertEquals(24.0 / 28, metrics.get("coverage95").asDouble(), 1e-12);

    BacktestRepository repository = new BacktestRepository(db.dataSource);
    List<BacktestRun> runs = repository.runs("t1", "all", "last_value", 10);
    assertEquals(1, runs.size());
    assertEquals(28, runs.get(0).metrics().get("sessions").n());
    assertTrue(repository.runs("t1", "all", "state_space", 10).isEmpty());
    assertTrue(repository.runs("t2", "all", null, 10).isEmpty(), "tenants are apart");

    List<CalendarDay> calendar = repository.calendar("t1", "all", DAY0.plus(Duration.ofDays(42)), 7);
    assertEquals(7, calendar.size());
    assertEquals(DAY0.plus(Duration.ofDays(42)), calendar.get(0).period());
    // the last value (day 41, a Sunday) is 100, below the top decile of the history (130): no rush day
    assertTrue(calendar.stream().noneMatch(CalendarDay::rush));
    assertEquals(100, calendar.get(0).predicted());
    assertEquals(3, repository.calendar("t1", "all", DAY0.plus(Duration.ofDays(42)), 3).size());

    // a week later: the calendar rows of days 42..48 now have actuals
    JsonNode second = InsightJson.MAPPER.readTree(backtest(at(49)).run("t1", BACKTEST, Progress.NONE));
    assertTrue(second.get("actualsFilled").asInt() >= 7, second.toString());
    List<Prediction> filled = repository.predictions("t1", "all", "last_value", BacktestRepository.CALENDAR,
        "sessions", DAY0.plus(Duration.ofDays(42)), DAY0.plus(Duration.ofDays(49)));
    assertEquals(7, filled.size());
    assertTrue(filled.stream().allMatch(Prediction::hasActual));
    assertEquals(130, filled.get(5).actual(), "day 47 is a Saturday");
    assertEquals(2, repository.runs("t1", "all", null, 10).size());
    assertEquals(DAY0.plus(Duration.ofDays(49)), repository.calendar("t1", "all", DAY0, 7).get(0).period(),
        "the calendar comes from the latest run");
  }

  @Test
  void aWrongRequestFailsWithWhatIsWrong() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backtest(at(42)).run("t1",
        "{\"model\": {\"type\": \"nope\", \"kpis\": [\"sessions\"]}}", Progress.NONE));
    assertTrue(e.getMessage().contains("model.type"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> backtest(at(42)).run("t1",
        "{\"model\": {\"type\": \"last_value\", \"kpis\": [\"sessions\"]}, \"horizon\": 0}", Progress.NONE));
    assertTrue(e.getMessage().contains("horizon"), e.getMessage());
  }

  @Test
  void signalLiftsAreStoredWithTheConfiguredValueAndTheEstimateTheyReplace() throws Exception {
    SignalLiftsWork work = new SignalLiftsWork(SERIES, new SignalLiftRepository(db.dataSource), at(120));
    String request = "{\"segment\": \"all\", \"kpis\": [\"conversions\"], \"signals\": [\"campaign\"], "
        + "\"from\": \"2026-01-05T00:00:00Z\", \"configured\": [{\"kpi\": \"conversions\", \"signal\": \"campaign\", "
        + "\"value\": 5}]}";
    JsonNode out = InsightJson.MAPPER.readTree(work.run("t1", request, Progress.NONE));
    JsonNode lift = out.get("lifts").get(0);
    assertEquals(20, lift.get("estimate").asDouble(), 1.0);
    assertEquals(120, lift.get("n").asInt());
    assertTrue(out.get("comparisons").get(0).get("contradicts").asBoolean());

    List<StoredLift> stored = new SignalLiftRepository(db.dataSource).lifts("t1", "all");
    assertEquals(1, stored.size());
    assertNull(stored.get(0).previous());
    assertEquals(5.0, stored.get(0).configured());
    assertTrue(stored.get(0).contradicts());
    assertTrue(stored.get(0).lift().effect().contains(20));

    new SignalLiftsWork(SERIES, new SignalLiftRepository(db.dataSource), at(150)).run("t1",
        request.replace("\"value\": 5", "\"value\": 20"), Progress.NONE);
    StoredLift again = new SignalLiftRepository(db.dataSource).lifts("t1", "all").get(0);
    assertEquals(stored.get(0).lift().effect().estimate(), again.previous(), 1e-12);
    assertFalse(again.contradicts());
  }

  @Test
  void curiosityStoresFindingsWithQValues() throws Exception {
    CuriosityWork work = new CuriosityWork(SERIES, new FindingRepository(db.dataSource), at(120));
    String request = "{\"segments\": [\"all\"], \"kpis\": [\"conversions\", \"sessions\"], \"signals\": "
        + "[\"campaign\"], \"from\": \"2026-01-05T00:00:00Z\", \"fdr\": 0.05}";
    JsonNode out = InsightJson.MAPPER.readTree(work.run("t1", request, Progress.NONE));
    assertTrue(out.get("tested").asInt() > 20, out.toString());
    FindingRepository repository = new FindingRepository(db.dataSource);
    List<StoredFinding> discoveries = repository.findings("t1", "all", 0.05, 100);
    assertTrue(discoveries.stream().anyMatch(f -> f.finding().statement()
        .equals("signal campaign lifts conversions in segment all")), discoveries.toString());
    assertTrue(discoveries.stream().allMatch(f -> f.finding().qValue() <= 0.05 && f.finding().discovery()));
    int all = repository.findings("t1", "all", 1, 10_000).size();
    assertEquals(out.get("tested").asInt(), all);
    // a second run replaces the first's findings
    work.run("t1", request, Progress.NONE);
    assertEquals(all, repository.findings("t1", "all", 1, 10_000).size());
  }
}
