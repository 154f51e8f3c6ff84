package io.limbic.projections.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.KpiPanel;
import io.limbic.projections.matching.ReadModelDatabase;
import io.limbic.protocol.kpi.SegmentDefinition;
import io.limbic.protocol.kpi.SegmentFilter;
import io.limbic.protocol.kpi.UserTrait;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProfileData;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import io.limbic.protocol.user.UserEvent.Identified;
import io.limbic.protocol.user.UserEvent.InterventionDecided;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import io.limbic.protocol.user.UserEvent.ProfileUpdated;
import io.limbic.protocol.user.UserEvent.UserAtRisk;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user-event KPI facts and segment queries on H2 and PostgreSQL, over known events. */
class KpiReadModelTest {
  static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
  static final Instant H10 = DAY.plusSeconds(10 * 3600);
  static final Instant H11 = DAY.plusSeconds(11 * 3600);

  @Test
  void h2() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.h2()) {
      knownCase(db);
    }
  }

  @Test
  void postgres() throws Exception {
    try (ReadModelDatabase db = ReadModelDatabase.postgres()) {
      knownCase(db);
    }
  }

  private static void knownCase(ReadModelDatabase db) throws Exception {
    UserKpiProjectionHandler handler = new UserKpiProjectionHandler();
    // ann: two periods at 10:00 and 11:00, buys 100 at 10:00 and gets 30 refunded at 11:00 (recorded a day later)
    db.project(handler, new BecameActive("acme", "ann", H10.plusSeconds(60), "s1", 1),
        new HeartbeatRecorded("acme", "ann", H10.plusSeconds(120), "s1", 3));
    db.projectGroup(handler, List.<UserEvent>of(
        new HeartbeatRecorded("acme", "ann", H10.plusSeconds(600), "s1", 2),
        new BecameActive("acme", "ann", H11.plusSeconds(60), "s2", 1),
        new Identified("acme", "ann", H11, "s2", null, "pro.example", "Pro"),
        new ProductEventsRecorded("acme", "ann", DAY.plusSeconds(86_400), List.of(
            new ProductEvent("p1", "purchase", new BigDecimal("100.50"), "USD", H10.plusSeconds(5)),
            new ProductEvent("r1", "refund", new BigDecimal("30"), "USD", H11.plusSeconds(5)),
            new ProductEvent("c1", "campaign_sent", null, null, H11.plusSeconds(9))), DAY)));
    // bob: active at 10:00, churns, is at risk, was sent variant v1 and held out once
    db.project(handler, new BecameActive("acme", "bob", H10.plusSeconds(30), "s3", 1),
        new ProfileUpdated("acme", "bob", H10, new ProfileData(1990, "f", List.of("m"), null, null,
            List.of("hiking", "chess"), List.of("en"), null)),
        new ProductEventsRecorded("acme", "bob", H11, List.of(
            new ProductEvent("x1", "churn", null, null, H10.plusSeconds(40))), DAY),
        new UserAtRisk("acme", "bob", H11, 0.9, List.of(), null, "c"),
        decided("bob", "d1", "v1"), decided("bob", "d2", "holdout"));

    JdbcKpiSeriesSource source = new JdbcKpiSeriesSource(db.dataSource);
    List<String> kpis = List.of("active_users", "sessions", "conversions", "revenue", "churned", "at_risk",
        "interventions.v1", "holdouts", "events.campaign_sent", "evi");
    JdbcKpiSeriesSource.Series hours = source.series("acme", "all", Grain.HOUR, kpis, H10, H11.plusSeconds(3600));
    assertEquals(List.of(H10, H11), hours.periods());
    assertArrayEquals(new double[] {2, 1}, hours.values().get("active_users"));
    assertArrayEquals(new double[] {2, 1}, hours.values().get("sessions"));
    assertArrayEquals(new double[] {1, 0}, hours.values().get("conversions"));
    assertArrayEquals(new double[] {100.5, -30}, hours.values().get("revenue"), 1e-9);
    assertArrayEquals(new double[] {1, 0}, hours.values().get("churned"));
    assertArrayEquals(new double[] {0, 1}, hours.values().get("at_risk"));
    assertArrayEquals(new double[] {0, 1}, hours.values().get("interventions.v1"));
    assertArrayEquals(new double[] {0, 1}, hours.values().get("holdouts"));
    assertArrayEquals(new double[] {0, 1}, hours.values().get("events.campaign_sent"));
    assertTrue(Double.isNaN(hours.values().get("evi")[0]), "no session time: EVI is NaN");

    JdbcKpiSeriesSource.Series days = source.series("acme", "all", Grain.DAY, kpis, DAY, DAY.plusSeconds(86_400));
    assertArrayEquals(new double[] {2}, days.values().get("active_users"), "distinct users over the day");
    assertArrayEquals(new double[] {3}, days.values().get("sessions"));
    assertArrayEquals(new double[] {70.5}, days.values().get("revenue"), 1e-9);

    SegmentRepository segments = new SegmentRepository(db.dataSource);
    segments.put("acme", "pro", new SegmentDefinition(new SegmentFilter.All(List.of(
        new SegmentFilter.OneOf(UserTrait.COMPANY, List.of("Pro")),
        new SegmentFilter.Compare(UserTrait.LTV, "gte", new BigDecimal("70")))), List.of("campaign_sent")), H11);
    segments.put("acme", "hikers", new SegmentDefinition(new SegmentFilter.Any(List.of(
        new SegmentFilter.OneOf(UserTrait.INTERESTS, List.of("hiking")),
        new SegmentFilter.Compare(UserTrait.LTV, "gt", new BigDecimal("1000")))), List.of()), H11);
    segments.put("acme", "not-pro", new SegmentDefinition(
        new SegmentFilter.Not(new SegmentFilter.Exists(UserTrait.COMPANY, true)), List.of()), H11);
    JdbcKpiSeriesSource.Series pro = source.series("acme", "pro", Grain.DAY, kpis, DAY, DAY.plusSeconds(86_400));
    assertArrayEquals(new double[] {1}, pro.values().get("active_users"));
    assertArrayEquals(new double[] {2}, pro.values().get("sessions"));
    assertArrayEquals(new double[] {0}, pro.values().get("churned"));
    assertArrayEquals(new double[] {70.5}, pro.values().get("revenue"), 1e-9);
    JdbcKpiSeriesSource.Series hikers = source.series("acme", "hikers", Grain.HOUR, kpis, H10, H11.plusSeconds(1));
    assertArrayEquals(new double[] {1, 0}, hikers.values().get("active_users"));
    assertArrayEquals(new double[] {1, 0}, hikers.values().get("churned"));
    assertArrayEquals(source.series("acme", "hikers", Grain.DAY, kpis, DAY, DAY.plusSeconds(1)).values().get("sessions"),
        source.series("acme", "not-pro", Grain.DAY, kpis, DAY, DAY.plusSeconds(1)).values().get("sessions"));

    KpiPanel panel = source.panel("acme", "pro", "hour", List.of("revenue", "evi"), null, H10, H11.plusSeconds(3600));
    assertEquals(List.of("campaign_sent"), panel.controls(), "the segment's declared controls, as declared");
    assertArrayEquals(new double[] {0}, panel.u()[0]);
    assertArrayEquals(new double[] {1}, panel.u()[1]);
    assertEquals(-30, panel.y()[1][0], 1e-9);

    assertThrows(JdbcKpiSeriesSource.UnknownSegment.class,
        () -> source.series("acme", "nope", Grain.DAY, kpis, DAY, DAY));
    assertThrows(JdbcKpiSeriesSource.UnknownSegment.class,
        () -> source.series("other", "pro", Grain.DAY, kpis, DAY, DAY), "segments are per tenant");
    assertEquals(2, db.count("SELECT COUNT(*) FROM kpi_user_traits WHERE user_id = 'bob' AND trait = 'interests'"));
  }

  private static InterventionDecided decided(String user, String id, String variant) {
    return new InterventionDecided("acme", user, H11, id, "s3", "ctx", variant, "thompson", "e", "rage", 0.9,
        "holdout".equals(variant) ? null : "in_page", null, null, 0, 0, H11.plusSeconds(3600), "purchase", "churn");
  }
}
