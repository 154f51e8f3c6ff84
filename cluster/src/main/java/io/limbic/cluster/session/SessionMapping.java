package io.limbic.cluster.session;

import com.fasterxml.jackson.core.type.TypeReference;
import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.Evidence;
import io.limbic.analytics.session.emotion.RageBelief;
import io.limbic.analytics.session.telemetry.ClientCapabilities;
import io.limbic.analytics.session.physics.MotionFigures;
import io.limbic.analytics.session.physics.PhysicsSnapshot;
import io.limbic.analytics.session.signal.ClientSignalReport;
import io.limbic.analytics.session.signal.SignalEvent;
import io.limbic.analytics.session.signal.SignalKind;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import io.limbic.cluster.http.Json;
import io.limbic.protocol.session.Capabilities;
import io.limbic.protocol.session.EmotionEvidence;
import io.limbic.protocol.session.RageEvidence;
import io.limbic.protocol.session.EmotionView;
import io.limbic.protocol.session.PhysicsSummary;
import io.limbic.protocol.session.Sample;
import io.limbic.protocol.session.SessionEvent.EmotionDetected;
import io.limbic.protocol.session.SessionEvent.SignalDetected;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Between the wire and journal records of {@code protocol} and the analysis records of {@code analytics}. */
final class SessionMapping {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private SessionMapping() {}

  static Sample toWire(TelemetrySample s) {
    return new Sample(
        s.t(), s.type().wireName(), s.x(), s.y(), s.button(), s.target(), s.section(), s.scrollY(), s.url(),
        s.noRage());
  }

  static TelemetrySample fromWire(Sample s) {
    SampleType type =
        SampleType.fromWire(s.type()).orElseThrow(() -> new IllegalArgumentException("unknown type " + s.type()));
    return new TelemetrySample(
        s.t(), type, s.x(), s.y(), s.button(), s.target(), s.section(), s.scrollY(), s.url(), s.noRage());
  }

  static PhysicsSummary physics(PhysicsSnapshot snapshot) {
    return new PhysicsSummary(snapshot.at(), snapshot.samples(), snapshot.windowMs(), motion(snapshot.session()),
        motion(snapshot.window()));
  }

  private static PhysicsSummary.Motion motion(MotionFigures m) {
    return new PhysicsSummary.Motion(m.intervals(), m.pathLengthPx(), m.meanSpeedPxS(), m.maxSpeedPxS(),
        m.meanAbsAccelPxS2(), m.meanAbsJerkPxS3(), m.meanCurvatureRadPerPx(), m.directionEntropyBits(),
        m.pathEfficiency(), m.idleGaps(), m.idleMs(), m.clicks(), m.clickRatePerS(), m.scrolls(),
        m.scrollDistancePx(), m.scrollSpeedPxS());
  }

  /** The API's shape of the physics (the stored record's fields as JSON); empty when there is none yet. */
  static Map<String, Object> physicsView(PhysicsSummary physics) {
    return physics == null ? Map.of() : Json.MAPPER.convertValue(physics, MAP);
  }

  static SignalDetected signal(String tenant, String sessionId, String userId, Instant at, SignalEvent s) {
    return new SignalDetected(
        tenant, sessionId, userId, at, s.kind().summaryName(), s.at(), s.target(), s.section(), s.url(), s.details());
  }

  /** The kinds a client may report: rage and dead clicks, by their summary names. */
  static Optional<SignalKind> clientSignalKind(String summaryName) {
    if (SignalKind.RAGE_CLICK.summaryName().equals(summaryName)) return Optional.of(SignalKind.RAGE_CLICK);
    if (SignalKind.DEAD_CLICK.summaryName().equals(summaryName)) return Optional.of(SignalKind.DEAD_CLICK);
    return Optional.empty();
  }

  static ClientSignalReport clientSignal(io.limbic.protocol.session.ClientSignalReport r, SignalKind kind) {
    return new ClientSignalReport(r.id(), kind, r.t(), r.target());
  }

  /** @param since server time since which the state has held */
  static EmotionDetected emotion(
      String tenant, String sessionId, String userId, Instant at, Instant since, EmotionReading r) {
    return new EmotionDetected(
        tenant, sessionId, userId, at, r.state().wireName(), r.label(), r.confidence(), since, r.url(), r.section(),
        evidence(r.evidence()));
  }

  static EmotionView view(EmotionDetected e) {
    return new EmotionView(e.state(), e.label(), e.confidence(), e.since(), e.url(), e.section(), e.evidence());
  }

  private static EmotionEvidence evidence(Evidence e) {
    RageBelief r = e.rage();
    RageEvidence rage = r == null ? null
        : new RageEvidence(r.prior(), r.likelihoodRatio(), r.posterior(), r.corroboratedBy(), r.capped());
    return new EmotionEvidence(e.signalWindowMs(), e.physicsWindowMs(), e.signals(), e.physics(), e.reasons(), rage);
  }

  static ClientCapabilities capabilities(Capabilities c) {
    return c == null ? ClientCapabilities.NONE : new ClientCapabilities(c.mutations(), c.selection());
  }

  /** The evidence in one line, for a decision log or a message to a person: the strongest reasons first. */
  static String evidenceLine(EmotionEvidence e) {
    if (e == null || e.reasons() == null || e.reasons().isEmpty()) return null;
    return String.join("; ", e.reasons());
  }
}
