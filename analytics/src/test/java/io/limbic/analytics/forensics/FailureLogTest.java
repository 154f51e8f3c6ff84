package io.limbic.analytics.forensics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.forensics.FailureLog.DecisionSpan;
import io.limbic.analytics.forensics.FailureLog.IncidentSpan;
import io.limbic.analytics.forensics.FailureLog.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureLogTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  static final Duration DAY = Duration.ofHours(24);

  static EmotionReading rage(String user, double confidence, long second) {
    return new EmotionReading("Session|t/s-" + user + ":" + second, "s-" + user, user, "rage", confidence, "/pricing",
        T.plusSeconds(second));
  }

  static ProductOutcome churn(String user, long second) {
    return new ProductOutcome(user, "c-" + user, "churn", 0, null, T.plusSeconds(second));
  }

  @Test
  void aChurnAfterEscalationGradeRageWithNothingDoneIsAMissedSave() {
    List<Item> items = FailureLog.missedSaves(List.of(rage("u1", 0.9, 0), rage("u2", 0.5, 0), rage("u3", 0.95, 0)),
        0.85, List.of(churn("u1", 600), churn("u2", 600), churn("u3", 90_000)), List.of(), List.of(), DAY);
    assertEquals(1, items.size(), "u2's rage was not escalation-grade; u3 churned after the window");
    Item item = items.get(0);
    assertEquals("missed_save", item.kind());
    assertEquals("u1", item.userId());
    assertEquals(T.plusSeconds(600), item.at());
    assertEquals("Session|t/s-u1:0", item.links().get("readingId"));
    assertEquals("c-u1", item.links().get("productEventId"));
    assertTrue(item.what().contains("no intervention was decided"), item.what());
  }

  @Test
  void anInterventionOrAnAcknowledgedIncidentIsNotAMissAnUnacknowledgedIncidentIs() {
    List<EmotionReading> rages = List.of(rage("u1", 0.9, 100), rage("u2", 0.9, 100));
    List<DecisionSpan> decisions = List.of(
        new DecisionSpan("d1", "u1", false, T.plusSeconds(100), T.plusSeconds(100).plus(DAY)),
        new DecisionSpan("d2", "u2", true, T.plusSeconds(101), T.plusSeconds(101).plus(DAY)));
    List<IncidentSpan> incidents = List.of(
        new IncidentSpan("i2", "u2", "Session|t/s-u2:100", T.plusSeconds(101), null, null, T.plusSeconds(200),
            "unacknowledged"));
    List<Item> items = FailureLog.missedSaves(rages, 0.85, List.of(churn("u1", 600), churn("u2", 600)), decisions,
        incidents, DAY);
    assertEquals(1, items.size());
    assertEquals("u2", items.get(0).userId());
    assertEquals("i2", items.get(0).links().get("incidentId"));
    assertEquals("d2", items.get(0).links().get("decisionId"));
  }

  @Test
  void incidentsAcknowledgedAfterTheFirstTurnOrNeverAreListed() {
    Duration after = Duration.ofSeconds(60);
    List<IncidentSpan> incidents = List.of(
        new IncidentSpan("fast", "u1", "e1", T, T.plusSeconds(30), "Ann", null, "acknowledged"),
        new IncidentSpan("late", "u2", "e2", T, T.plusSeconds(200), "Bob", null, "acknowledged"),
        new IncidentSpan("ended", "u3", "e3", T, null, null, T.plusSeconds(180), "unacknowledged"),
        new IncidentSpan("open", "u4", "e4", T, null, null, null, "open"),
        new IncidentSpan("young", "u5", "e5", T.plusSeconds(590), null, null, null, "open"));
    List<Item> items = FailureLog.lateIncidents(incidents, after, T.plusSeconds(600));
    assertEquals(List.of("late", "ended", "open"), items.stream().map(i -> i.links().get("incidentId")).toList());
    assertEquals(List.of("acknowledged_late", "never_acknowledged", "never_acknowledged"),
        items.stream().map(Item::kind).toList());
    assertTrue(items.get(0).what().contains("200 s"), items.get(0).what());
  }

  @Test
  void falsePositivesNameTheirDecision() {
    List<Item> items = FailureLog.falsePositives(List.of(
        new FailureLog.FalsePositive("d9", "u1", T, "rage", 0.91, "was selecting text")));
    assertEquals("false_positive", items.get(0).kind());
    assertEquals("d9", items.get(0).links().get("decisionId"));
    assertTrue(items.get(0).what().endsWith(": was selecting text"));
  }
}
