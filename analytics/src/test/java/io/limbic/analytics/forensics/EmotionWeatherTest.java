package io.limbic.analytics.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.forensics.EmotionVolatility.Totals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmotionWeatherTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  static EmotionReading r(String state, String page) {
    return new EmotionReading(state + page, "s", "u", state, 0.9, page, T);
  }

  @Test
  void sharesStormyPagesAndTheChangeInVolatilityInWordsAndNumbers() {
    List<EmotionReading> readings = List.of(r("calm", "/a"), r("calm", "/a"), r("rage", "/pricing"),
        r("frustration", "/pricing"), r("calm", "/pricing"), r("frustration", "/a"));
    EmotionWeather.Report report = EmotionWeather.of(LocalDate.of(2026, 3, 2), readings,
        Map.of("calm", 3_000_000L, "rage", 600_000L), new Totals(3, 3000, 1_800_000), new Totals(0, 0, 3_600_000));
    assertEquals(6, report.readings());
    assertEquals(0.5, report.readingShare().get("calm"), 1e-12);
    assertEquals(5.0 / 6, report.timeShare().get("calm"), 1e-12);
    assertEquals("/pricing", report.stormiestPages().get(0).page());
    assertEquals(2, report.stormiestPages().get(0).rageOrFrustration());
    assertEquals(3, report.stormiestPages().get(0).readings());
    assertEquals("/a", report.stormiestPages().get(1).page());
    assertEquals(63.21, report.evi(), 0.01);
    assertEquals(0, report.previousEvi(), 1e-12);
    assertEquals(63.21, report.eviChange(), 0.01);
    assertEquals("Mostly calm (83 % of session time). Rage or frustration in 50 % of 6 readings. Stormiest page: "
        + "/pricing (2 of its 3 readings). Volatility 63 of 100, up from 0 the day before.", report.summary());
  }

  @Test
  void aQuietDaySaysSo() {
    EmotionWeather.Report report = EmotionWeather.of(LocalDate.of(2026, 3, 2), List.of(), Map.of(), Totals.NONE,
        Totals.NONE);
    assertEquals("No emotion readings that day.", report.summary());
    assertTrue(Double.isNaN(report.evi()));
  }
}
