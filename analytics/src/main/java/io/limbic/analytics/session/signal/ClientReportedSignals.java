package io.limbic.analytics.session.signal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Client-reported signals (PostHog's {@code $rageclick} / {@code $dead_click}) judged beside the session's own
 * detection, so the same clicks are never counted twice.
 *
 * <p>The rule. A report corroborates one of the session's own signals when that signal is of the same kind, names
 * the same element (equal targets; a report or signal without a target never matches) and happened within
 * {@code rageMinClicks x rageMaxGapMs} of the report (3 s by default: a minimal burst's span plus one gap, so a
 * tenant rule that needs a fourth click still pairs with PostHog's third). For a rage click both times are the click
 * that completed the burst; for a dead click both are the click itself. Pairing is one to one: an own signal
 * corroborates at most one report, so two reports of one burst leave the second client-only. Either order works: a
 * report that arrives before the clicks waits (the last {@value #MAX_PENDING}) and is corroborated when the own
 * signal fires.
 *
 * <p>What a report does: a corroborated one has confidence {@value #CORROBORATED} (the tenant's own thresholds found
 * it too; the doubt left is the element match); a client-only one {@value #CLIENT_ONLY} (PostHog's rule is its own:
 * 3 clicks within 30 px and 1 s, blind to the tenant's thresholds and ignored targets). Neither is fed to the
 * detectors or to the emotion classifier: the session's signal counts and its emotion come from the raw samples only,
 * and a report is not independent evidence for the convergence rule either, since it is derived from the same clicks.
 */
public final class ClientReportedSignals {
  public static final double CORROBORATED = 0.95;
  public static final double CLIENT_ONLY = 0.5;
  static final int MAX_PENDING = 64;
  static final int MAX_OWN = 64;

  private record Own(SignalKind kind, long t, String target) {}

  private final long windowMs;
  private final ArrayDeque<Own> own = new ArrayDeque<>();
  private final ArrayDeque<ClientSignalReport> pending = new ArrayDeque<>();

  public ClientReportedSignals(SignalThresholds thresholds) {
    this.windowMs = thresholds.rageMinClicks() * thresholds.rageMaxGapMs();
  }

  public long windowMs() {
    return windowMs;
  }

  /** Judges a report against the own signals not yet paired; an unpaired report waits for a later own signal. */
  public ClientSignalVerdict report(ClientSignalReport report) {
    for (Iterator<Own> it = own.iterator(); it.hasNext(); ) {
      Own signal = it.next();
      if (matches(signal, report)) {
        it.remove();
        return corroborated(report, signal);
      }
    }
    pending.addLast(report);
    if (pending.size() > MAX_PENDING) pending.removeFirst();
    String evidence = String.format(Locale.ROOT, "reported by the client SDK; no Limbic %s on this element within %d ms",
        report.kind().summaryName(), windowMs);
    return new ClientSignalVerdict(report.id(), false, CLIENT_ONLY, null, evidence);
  }

  /**
   * The session's own signal: it corroborates the oldest waiting report it matches (the verdicts that changed), or
   * waits for a report to come.
   */
  public List<ClientSignalVerdict> detected(SignalEvent signal) {
    Own mine = new Own(signal.kind(), ownTime(signal), signal.target());
    List<ClientSignalVerdict> changed = new ArrayList<>(0);
    for (Iterator<ClientSignalReport> it = pending.iterator(); it.hasNext(); ) {
      ClientSignalReport report = it.next();
      if (matches(mine, report)) {
        it.remove();
        changed.add(corroborated(report, mine));
        return changed;
      }
    }
    own.addLast(mine);
    if (own.size() > MAX_OWN) own.removeFirst();
    return changed;
  }

  private boolean matches(Own signal, ClientSignalReport report) {
    return signal.kind() == report.kind() && signal.target() != null && Objects.equals(signal.target(), report.target())
        && Math.abs(signal.t() - report.t()) <= windowMs;
  }

  private static ClientSignalVerdict corroborated(ClientSignalReport report, Own signal) {
    String evidence = String.format(Locale.ROOT, "Limbic %s on the same element %d ms apart",
        report.kind().summaryName(), Math.abs(signal.t() - report.t()));
    return new ClientSignalVerdict(report.id(), true, CORROBORATED, signal.t(), evidence);
  }

  /** A dead click is dated by its click, as the client dates it; every other signal by when it became certain. */
  private static long ownTime(SignalEvent signal) {
    Double clickAt = signal.details().get("clickAt");
    return signal.kind() == SignalKind.DEAD_CLICK && clickAt != null ? clickAt.longValue() : signal.at();
  }
}
