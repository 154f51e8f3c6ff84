package io.limbic.analytics.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmotionOutcomesTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  static EmotionReading reading(String session, String user, String state, String page, long second) {
    return new EmotionReading("Session|t/" + session + ":" + second, session, user, state, 0.9, page, T.plusSeconds(second));
  }

  @Test
  void twoRageSessionsOnePurchaseIsHalfWithItsWilsonInterval() {
    List<EmotionReading> readings = List.of(
        reading("s1", "u1", "calm", "/pricing", 0), reading("s1", "u1", "rage", "/pricing", 10),
        reading("s1", "u1", "rage", "/pricing", 20), reading("s2", "u2", "rage", "/pricing", 5));
    List<ProductOutcome> outcomes = List.of(
        new ProductOutcome("u1", "p1", "purchase", 120, "USD", T.plusSeconds(60)),
        // before the rage: does not count
        new ProductOutcome("u2", "p0", "purchase", 50, "USD", T.plusSeconds(1)),
        // after the window: does not count
        new ProductOutcome("u2", "p2", "purchase", 50, "USD", T.plusSeconds(5 + 86_401)));
    List<EmotionOutcomes.Line> lines = EmotionOutcomes.lines(readings, outcomes, OutcomeRules.DEFAULT);
    EmotionOutcomes.Line rage = lines.stream().filter(l -> l.emotion().equals("rage")).findFirst().orElseThrow();
    assertEquals("/pricing", rage.page());
    assertEquals(2, rage.sessions());
    assertEquals(2, rage.identifiedSessions());
    assertEquals(1, rage.successes());
    assertEquals(0.5, rage.successRate().estimate(), 1e-12);
    assertEquals(0.0945, rage.successRate().low(), 1e-4);
    assertEquals(0.9055, rage.successRate().high(), 1e-4);
    assertEquals(0, rage.failures());
    assertEquals(Map.of("USD", 120.0), rage.value());
    EmotionOutcomes.Line calm = lines.stream().filter(l -> l.emotion().equals("calm")).findFirst().orElseThrow();
    assertEquals(1, calm.sessions());
    assertEquals(1.0, calm.successRate().estimate(), 1e-12);
  }

  @Test
  void theTenantsOwnOutcomeTypesAndWindowCount() {
    List<EmotionReading> readings = List.of(reading("s1", "u1", "frustration", "/checkout", 0),
        reading("s2", null, "frustration", "/checkout", 0));
    List<ProductOutcome> outcomes = List.of(new ProductOutcome("u1", "x", "cancel", 0, null, T.plusSeconds(3000)));
    OutcomeRules rules = new OutcomeRules("upgrade", "cancel", java.time.Duration.ofHours(1));
    EmotionOutcomes.Line line = EmotionOutcomes.lines(readings, outcomes, rules).get(0);
    assertEquals(2, line.sessions());
    assertEquals(1, line.identifiedSessions(), "an anonymous session has no outcomes to count");
    assertEquals(1, line.failures());
    assertEquals(1.0, line.failureRate().estimate(), 1e-12);
    assertEquals(0, line.successes());
  }

  @Test
  void aSessionIdentifiedAfterItsFirstReadingCountsForItsUser() {
    List<EmotionReading> readings = List.of(reading("s1", null, "rage", "/p", 0), reading("s1", "u1", "rage", "/p", 30));
    List<ProductOutcome> outcomes = List.of(new ProductOutcome("u1", "x", "purchase", 10, "EUR", T.plusSeconds(10)));
    EmotionOutcomes.Line line = EmotionOutcomes.lines(readings, outcomes, OutcomeRules.DEFAULT).get(0);
    assertEquals(1, line.identifiedSessions());
    assertEquals(1, line.successes(), "counted from the first reading, with the user learnt later");
  }
}
