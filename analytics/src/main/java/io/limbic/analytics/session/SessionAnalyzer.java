package io.limbic.analytics.session;

import io.limbic.analytics.session.emotion.EmotionAssessment;
import io.limbic.analytics.session.emotion.EmotionClassifier;
import io.limbic.analytics.session.emotion.EmotionFeatures;
import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.RecentEvidence;
import io.limbic.analytics.session.physics.PhysicsSnapshot;
import io.limbic.analytics.session.physics.SessionPhysics;
import io.limbic.analytics.session.signal.FrustrationSignals;
import io.limbic.analytics.session.signal.PageContext;
import io.limbic.analytics.session.signal.SignalEvent;
import io.limbic.analytics.session.telemetry.ClientCapabilities;
import io.limbic.analytics.session.telemetry.ReorderBuffer;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.SampleValidation;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One session's analysis: validation, reordering, physics, frustration signals and emotion, fed sample by sample.
 * It answers what changed, so a thin entity can persist exactly that. Not thread-safe: one per session actor.
 *
 * <p>What the client observes matters ({@link ClientCapabilities}): a session starts with
 * {@link ClientCapabilities#NONE} (no dead clicks, answered clicks unknown) unless it is constructed with, or later
 * told ({@link #declare}), what the client declared. Replaying recordings of plain pointer data: construct with
 * {@code NONE}; replaying what the Limbic SDK sends: {@link ClientCapabilities#BROWSER_SDK}.
 *
 * <p>Latency note: a sample is analysed once the reorder window has passed it in client time, so with the default
 * 500 ms window detection trails the newest sample by about that much. An entity that wants lower latency can call
 * {@link #flush()} when a batch ends or on a short server timer, at the price of dropping stragglers as late.
 */
public final class SessionAnalyzer {
  private final SessionSettings settings;
  private final EmotionClassifier classifier;
  private final ReorderBuffer buffer;
  private final SessionPhysics physics;
  private final PageContext page = new PageContext();
  private final FrustrationSignals signals;
  private final RecentEvidence recent;
  /** Time of the newest integrated sample. */
  private long now = Long.MIN_VALUE;
  /** The latest session time known: {@link #now}, or later when the server let quiet time pass. */
  private long clock = Long.MIN_VALUE;
  private long lastClassifiedAt = Long.MIN_VALUE;
  /** The latest classification; its evidence is written out only when it is persisted or read. */
  private EmotionAssessment current;
  private long currentSince;
  private EmotionReading lastPersisted;
  private ClientCapabilities capabilities = ClientCapabilities.NONE;

  /** A session whose client declared nothing (yet): see {@link #declare}. */
  public SessionAnalyzer(SessionSettings settings, EmotionClassifier classifier) {
    this(settings, classifier, ClientCapabilities.NONE);
  }

  public SessionAnalyzer(SessionSettings settings, EmotionClassifier classifier, ClientCapabilities capabilities) {
    this.settings = settings;
    this.classifier = classifier;
    this.buffer = new ReorderBuffer(settings.reorder());
    this.physics = new SessionPhysics(settings.physicsWindowMs(), settings.idleGapMs());
    this.signals = new FrustrationSignals(settings.thresholds(), page);
    this.recent = new RecentEvidence(settings.signalWindowMs(), RecentEvidence.DEFAULT_HALF_LIFE_MS);
    declare(capabilities);
  }

  /** What the client observes, from its first message on; later samples are judged by it. */
  public void declare(ClientCapabilities declared) {
    this.capabilities = java.util.Objects.requireNonNull(declared, "capabilities");
    signals.declare(declared);
  }

  public ClientCapabilities capabilities() {
    return capabilities;
  }

  public static SessionAnalyzer withDefaults() {
    return new SessionAnalyzer(SessionSettings.defaults(), EmotionClassifier.standard());
  }

  public SessionUpdate offer(TelemetrySample sample) {
    return offerAll(List.of(sample));
  }

  public SessionUpdate offerAll(List<TelemetrySample> samples) {
    List<SessionUpdate.Rejection> rejections = new ArrayList<>();
    List<TelemetrySample> released = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < samples.size(); i++) {
      TelemetrySample s = samples.get(i);
      Optional<String> invalid = SampleValidation.validate(s);
      Optional<String> dropped = invalid.isPresent() ? invalid : offerOne(s, released);
      if (dropped.isPresent()) rejections.add(new SessionUpdate.Rejection(i, dropped.get()));
      else accepted++;
    }
    List<SignalEvent> newSignals = new ArrayList<>();
    List<EmotionReading> changes = new ArrayList<>();
    integrate(released, newSignals, changes);
    return new SessionUpdate(accepted, rejections, newSignals, changes);
  }

  /** Releases everything held in the reorder buffer and analyses it. */
  public SessionUpdate flush() {
    List<SignalEvent> newSignals = new ArrayList<>();
    List<EmotionReading> changes = new ArrayList<>();
    integrate(buffer.drain(), newSignals, changes);
    return new SessionUpdate(0, List.of(), newSignals, changes);
  }

  /**
   * Lets session time pass without samples, so dead clicks whose window closed are reported and the reading reflects
   * the quiet (recent evidence fades with its age; see {@link RecentEvidence}).
   */
  public SessionUpdate advanceTo(long sessionTime) {
    List<SignalEvent> newSignals = new ArrayList<>();
    List<EmotionReading> changes = new ArrayList<>();
    if (now != Long.MIN_VALUE && sessionTime > clock) {
      clock = sessionTime;
      newSignals.addAll(signals.advanceTo(sessionTime));
      remember(newSignals);
      // Also when due: a state has to hold for a while before it is persisted, and quiet time is part of it.
      boolean due = sessionTime - lastClassifiedAt >= settings.classifyEveryMs();
      if (!newSignals.isEmpty() || due) classify(sessionTime, changes);
    }
    return new SessionUpdate(0, List.of(), newSignals, changes);
  }

  public SessionSummary summary() {
    Map<String, Integer> totals = new HashMap<>();
    signals.totals().forEach((kind, n) -> totals.put(kind.summaryName(), n));
    PhysicsSnapshot snapshot = physics.snapshot();
    return new SessionSummary(snapshot.samples(), snapshot, totals, currentReading(), currentSince);
  }

  /** The features the classifier would see now; used to fit and evaluate the model on labelled traces. */
  public EmotionFeatures features() {
    return features(clock == Long.MIN_VALUE ? 0 : clock);
  }

  public Optional<EmotionReading> currentEmotion() {
    return Optional.ofNullable(currentReading());
  }

  private EmotionReading currentReading() {
    return current == null ? null : current.reading();
  }

  /** Reads the state now, regardless of the classification cadence (end of a trace, a query). */
  public EmotionReading classifyNow() {
    classify(clock == Long.MIN_VALUE ? 0 : clock, new ArrayList<>());
    return current.reading();
  }

  private Optional<String> offerOne(TelemetrySample s, List<TelemetrySample> released) {
    ReorderBuffer.Offer offer = buffer.offer(s);
    released.addAll(offer.released());
    return offer.dropped();
  }

  private void integrate(List<TelemetrySample> released, List<SignalEvent> newSignals, List<EmotionReading> changes) {
    if (released.isEmpty()) return;
    for (TelemetrySample s : released) {
      now = s.t();
      clock = Math.max(clock, now);
      page.observe(s);
      physics.accept(s);
      int ignoredBefore = signals.ignoredClicks();
      List<SignalEvent> fired = signals.accept(s);
      newSignals.addAll(fired);
      remember(fired);
      // A click the detectors ignore (ignored target, end of a text selection) must not carry the last burst's length.
      boolean counted = signals.ignoredClicks() == ignoredBefore;
      if (s.type() == SampleType.CLICK && counted) recent.click(s.t(), signals.currentBurstClicks());
      if (s.type() == SampleType.MUTATION || s.type() == SampleType.NAV) recent.response(s.t());
    }
    // Everything up to the reorder watermark has been released, so no equal timestamp can still replace the last point.
    physics.settle();
    boolean due = lastClassifiedAt == Long.MIN_VALUE || now - lastClassifiedAt >= settings.classifyEveryMs();
    if (due || !newSignals.isEmpty()) classify(now, changes);
  }

  private void remember(List<SignalEvent> fired) {
    for (SignalEvent e : fired) recent.signal(e);
  }

  private EmotionFeatures features(long at) {
    recent.expire(at);
    return EmotionFeatures.of(physics.snapshot(), recent, at, classifier.isDecisionSection(page.section()),
        capabilities.mutations());
  }

  private void classify(long at, List<EmotionReading> changes) {
    lastClassifiedAt = at;
    EmotionFeatures f = features(at);
    EmotionAssessment assessed = classifier.assess(at, f, physics.snapshot(), recent.counts(),
        settings.signalWindowMs(), page.url(), page.section(), settings.thresholds().ragePrior());
    if (current == null || current.state() != assessed.state()) currentSince = at;
    current = assessed;
    if (settings.changePolicy().shouldPersist(lastPersisted, assessed.state(), assessed.confidence(), at,
        currentSince)) {
      lastPersisted = assessed.reading();
      changes.add(lastPersisted);
    }
  }
}
