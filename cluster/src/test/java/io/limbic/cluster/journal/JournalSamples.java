package io.limbic.cluster.journal;

import io.limbic.cluster.escalation.IncidentState;
import io.limbic.cluster.session.SessionState;
import io.limbic.cluster.user.UserState;
import io.limbic.protocol.escalation.EscalationPolicy;
import io.limbic.protocol.escalation.EscalationPolicyEvent;
import io.limbic.protocol.escalation.IncidentEvent;
import io.limbic.protocol.intervention.InterventionConfigEvent;
import io.limbic.protocol.intervention.StoredInterventionConfig;
import io.limbic.protocol.session.EmotionEvidence;
import io.limbic.protocol.session.PhysicsSummary;
import io.limbic.protocol.session.RageEvidence;
import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.tenant.NotificationChannel;
import io.limbic.protocol.tenant.StoredSignalThresholds;
import io.limbic.protocol.tenant.TenantEvent;
import io.limbic.protocol.trace.Trace;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.EngagementData;
import io.limbic.protocol.user.EngagementReason;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.PhaseResult;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProfileData;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.visitor.VisitorEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One sample of every type the journal and the snapshot store hold, as the current code writes it. The fixture
 * writer serializes these; the fixtures test expects a fixture of the current version of each to read back as
 * exactly this. A new event type adds its sample here (and its fixture: the test fails without one).
 */
public final class JournalSamples {
  public static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  static final Instant EARLIER = Instant.parse("2026-11-19T08:30:00Z");

  private JournalSamples() {}

  /**
   * What tells samples of one type apart in a fixture's name (null: the type has one sample): the idle phase's
   * name, as each phase's result has its own shape; a trace with a span context (tracing on).
   */
  static String variant(Object sample) {
    if (sample instanceof Trace t) return t.traceparent() == null ? null : "traceparent";
    return sample instanceof UserEvent.IdlePhaseCompleted e ? e.phaseName() : null;
  }

  /** Every sample, events first, then the snapshot states folded from them. */
  public static List<Object> all() {
    List<Object> all = new ArrayList<>();
    all.addAll(userEvents());
    all.addAll(sessionEvents());
    all.addAll(tenantEvents());
    all.addAll(visitorEvents());
    all.addAll(incidentEvents());
    all.add(new EscalationPolicyEvent.PolicySet("acme", AT, policy()));
    all.add(new InterventionConfigEvent.InterventionConfigSet("acme", AT, interventionConfig()));
    all.addAll(states());
    all.addAll(metadata());
    return all;
  }

  /** What the journal stores as an event's metadata (README "Metrics and traces"). */
  static List<Trace> metadata() {
    return List.of(new Trace("corr-1", "req-1"),
        new Trace("corr-1", "req-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  }

  static List<UserEvent> userEvents() {
    EngagementData data = new EngagementData(12, 3, EARLIER, 3600, 7200, 86_400, 9, false, 2, 1, 0, 1, 2_592_000, AT);
    List<EngagementReason> reasons = List.of(new EngagementReason("absence", 1.5, 0.8, 1.2));
    return List.of(
        new UserEvent.BecameActive("acme", "u1", AT, "s1", 1),
        new UserEvent.HeartbeatRecorded("acme", "u1", AT, "s1", 4),
        new UserEvent.EmotionObserved("acme", "u1", AT, "s1", "frustrated", "Frustrated", 0.82,
            "session|acme|s1:7", "https://shop.example/cart", "#checkout"),
        new UserEvent.Identified("acme", "u1", AT, "s1", "anon-1", "example.com", "Example"),
        new UserEvent.ProductEventRecorded("acme", "u1", AT, "e-old", "purchase", new BigDecimal("19.90"), "EUR"),
        new UserEvent.ProductEventsRecorded("acme", "u1", AT,
            List.of(new ProductEvent("e1", "purchase", new BigDecimal("42.50"), "EUR", EARLIER),
                new ProductEvent("e2", "signup", null, null, EARLIER)), EARLIER),
        new UserEvent.ProfileUpdated("acme", "u1", AT, new ProfileData(1990, "f", List.of("m"), 52.52, 13.40,
            List.of("hiking"), List.of("de"), "hello")),
        new UserEvent.InteractionRecorded("acme", "u1", AT,
            new InteractionData("u1", "u2", "message", EARLIER, "i1", 0), true),
        new UserEvent.IdlePhaseCompleted("acme", "u1", AT, EARLIER, 1, "light", lightResult(), List.of(), 0),
        new UserEvent.IdlePhaseCompleted("acme", "u1", AT, EARLIER, 3, "deep", deepResult(),
            List.of(new DailyMatch("u1~u2~20261120", "u2", 0.73, Map.of("preference", 0.6))), 25),
        new UserEvent.UserAtRisk("acme", "u1", AT, 0.71, reasons, data, "user|acme|u1:12"),
        new UserEvent.UserEngaged("acme", "u1", AT, 0.21, reasons, data, "user|acme|u1:14"),
        new UserEvent.MatchActionRecorded("acme", "u1", AT, "u1~u2~20261120", "u2", "like"),
        new UserEvent.InterventionDecided("acme", "u1", AT, "d1", "s1", "checkout", "coupon", "thompson",
            "session|acme|s1:7", "frustrated", 0.82, "in_page", "https://shop.example/help", "{\"x\":1}", 0.5,
            42.5, AT.plusSeconds(3600), "purchase", "churn"),
        new UserEvent.InterventionOutcome("acme", "u1", AT, "d1", "checkout", "coupon", "success", "e1",
            "purchase"),
        new UserEvent.InterventionDelivered("acme", "u1", AT, "d1", "in_page", true, "socket"),
        new UserEvent.InterventionFeedbackGiven("acme", "u1", AT, "d1", true, "not frustrated"),
        new UserEvent.UserErased("acme", "u1", AT),
        new UserEvent.PersonForgotten("acme", "u1", AT, "u2"));
  }

  static PhaseResult lightResult() {
    return new PhaseResult(new PhaseResult.Interactions(AT, 30, Map.of("MESSAGE", 3), Map.of("FAVORITE", 1), 2,
        EARLIER, List.of("u2")), null, null);
  }

  static PhaseResult deepResult() {
    return new PhaseResult(null, new PhaseResult.Preferences(AT, List.of("interests: hiking")),
        new PhaseResult.MatchRun(AT, 1, 25, null));
  }

  static List<SessionEvent> sessionEvents() {
    EmotionEvidence evidence = new EmotionEvidence(10_000, 5_000, Map.of("rage_click", 2), Map.of("meanSpeedPxS", 950.0),
        List.of("two rage clicks"), new RageEvidence(0.1, 6.0, 0.4, List.of("rage_click"), false));
    return List.of(
        new SessionEvent.SignalDetected("acme", "s1", "u1", AT, "rage_click", 1200, "#buy", "#checkout",
            "https://shop.example/cart", Map.of("clicks", 4.0)),
        new SessionEvent.ClientSignalReported("acme", "s1", "u1", AT, "r1", "rage_click", "posthog", 1300, "#buy",
            10.0, 20.0, "https://shop.example/cart", true, 0.9, 1200L, "matched"),
        new SessionEvent.ClientSignalCorroborated("acme", "s1", "u1", AT, "r2", 0.8, 1400, "later"),
        new SessionEvent.EmotionDetected("acme", "s1", "u1", AT, "frustrated", "Frustrated", 0.82, EARLIER,
            "https://shop.example/cart", "#checkout", evidence),
        new SessionEvent.SessionIdentified("acme", "s1", "u1", AT, "anon-1"),
        new SessionEvent.CapabilitiesDeclared("acme", "s1", "u1", AT, true, false),
        new SessionEvent.EmotionDelivered("acme", "s1", "u1", AT, "session|acme|s1:4"),
        new SessionEvent.SessionSummarized("acme", "s1", "u1", AT, 120, physics(), Map.of("rage_click", 1)),
        new SessionEvent.SessionErased("acme", "s1", "u1", AT));
  }

  static PhysicsSummary physics() {
    PhysicsSummary.Motion session = new PhysicsSummary.Motion(40, 1200.5, 300.25, 950.0, 12.5, 3.25, 0.01, 1.5, 0.8,
        1, 4000, 6, 0.5, 2, 800.0, 40.0);
    PhysicsSummary.Motion window = new PhysicsSummary.Motion(10, 300.0, 250.0, 700.0, 10.0, 2.0, 0.02, 1.0, 0.9, 0,
        0, 2, 0.4, 1, 200.0, 40.0);
    return new PhysicsSummary(5000, 120, 5000, session, window);
  }

  static List<TenantEvent> tenantEvents() {
    StoredSignalThresholds t = new StoredSignalThresholds(6, 1000, 42.5, 1000, 1000, 3, 1500, 200.0, 2000, 3, 300.0,
        2.0, 5000, 10.0, List.of("#ad*"), 0.15);
    return List.of(
        new TenantEvent.SignalThresholdsSet("acme", AT, t),
        new TenantEvent.NotificationChannelsSet("acme", AT,
            List.of(new NotificationChannel(NotificationChannel.Type.SLACK, "https://hooks.example/x",
                List.of("emotion")))));
  }

  static List<VisitorEvent> visitorEvents() {
    return List.of(
        new VisitorEvent.EventsHeld("acme", "anon-1", AT,
            List.of(new ProductEvent("e3", "renewal", new BigDecimal("9.99"), "USD", EARLIER))),
        new VisitorEvent.LinkedToUser("acme", "anon-1", AT, "u1"),
        new VisitorEvent.HeldEventsHandedOver("acme", "anon-1", AT, 1),
        new VisitorEvent.VisitorErased("acme", "anon-1", AT));
  }

  static EscalationPolicy policy() {
    return new EscalationPolicy(
        new EscalationPolicy.Trigger("frustrated", 0.7, new BigDecimal("100"), "EUR"), Duration.ofMinutes(5),
        Duration.ofHours(1),
        List.of(new EscalationPolicy.Contact("ops", List.of(
            new EscalationPolicy.Channel("webhook", "https://pager.example/x", null, null)))));
  }

  static IncidentEvent.IncidentOpened incidentOpened() {
    return new IncidentEvent.IncidentOpened("acme", "u1", "inc1", AT, "session|acme|s1:7", "s1", "Example",
        new BigDecimal("120.00"), "EUR", "frustrated", 0.82, "https://shop.example/cart", "#checkout",
        "two rage clicks", EARLIER, "session", Duration.ofMinutes(5), Duration.ofHours(1), policy().contacts());
  }

  static List<IncidentEvent> incidentEvents() {
    return List.of(
        incidentOpened(),
        new IncidentEvent.ContactPaged("acme", "u1", "inc1", AT, 0, "ops", "inc1:0", AT.plusSeconds(300)),
        new IncidentEvent.NoticeDelivered("acme", "u1", "inc1", AT, 0, 0, "webhook", "ref-1"),
        new IncidentEvent.NoticeFailed("acme", "u1", "inc1", AT, 0, 0, "webhook", "HTTP 503", true),
        new IncidentEvent.IncidentAcknowledged("acme", "u1", "inc1", AT, 0, "ops"),
        new IncidentEvent.ChainEnded("acme", "u1", "inc1", AT));
  }

  static StoredInterventionConfig interventionConfig() {
    return new StoredInterventionConfig(
        List.of(new StoredInterventionConfig.Context("checkout", "frustrated", "/cart", 0.7, 0, List.of(
            new StoredInterventionConfig.Variant("coupon", "in_page", "https://shop.example/help", "{}", 0.5)))),
        "purchase", "churn", Duration.ofHours(1), 0.1, 20, 0.05);
  }

  /**
   * The snapshot states, folded from the samples above: all but the erasures (which would empty them) and the old
   * single product event (its replay records its id at the wall-clock time).
   */
  static List<Object> states() {
    UserState user = UserState.empty("acme", "u1");
    for (UserEvent e : userEvents()) {
      if (!(e instanceof UserEvent.UserErased) && !(e instanceof UserEvent.ProductEventRecorded)) user = user.apply(e);
    }
    SessionState session = SessionState.empty("acme", "s1");
    int seq = 1;
    for (SessionEvent e : sessionEvents()) {
      if (!(e instanceof SessionEvent.SessionErased)) session = session.apply(e, "session|acme|s1:" + seq++);
    }
    IncidentState incident = IncidentState.empty();
    for (IncidentEvent e : incidentEvents()) {
      if (!(e instanceof IncidentEvent.ChainEnded)) incident = incident.apply(e);
    }
    return List.of(user, session, incident, policy());
  }
}
