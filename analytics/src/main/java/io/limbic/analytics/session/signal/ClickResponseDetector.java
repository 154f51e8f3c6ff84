package io.limbic.analytics.session.signal;

import io.limbic.analytics.session.telemetry.ClientCapabilities;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dead and error clicks, both judged by what follows a click.
 * <ul>
 *   <li>Error click: an {@code error} sample within {@code errorClickWindowMs} (inclusive) of one or more clicks; one
 *       signal per error sample, covering all the clicks it follows. Those clicks had a response (an error), so they
 *       are not also dead.</li>
 *   <li>Dead click: no mutation, navigation or scroll within {@code deadClickWindowMs} (inclusive). Known only when
 *       the window has passed, i.e. when a later sample or {@link #advanceTo} shows the time. Repeated clicks on the
 *       same target, each within {@code rageMaxGapMs} of the previous dead one, belong to the same dead click: a burst
 *       counts once (the rage detector reports the burst itself). Only for a client that declared it observes
 *       DOM mutations ({@link ClientCapabilities#mutations()}): for any other client, no answer looks like no
 *       answer, and every click would be dead.</li>
 * </ul>
 */
final class ClickResponseDetector {
  private record Pending(long t, String target, String section, String url) {}

  private final SignalThresholds thresholds;
  private final PageContext page;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long lastDeadClickT = Long.MIN_VALUE;
  private String lastDeadTarget;
  private boolean mutationsObserved;

  ClickResponseDetector(SignalThresholds thresholds, PageContext page) {
    this.thresholds = thresholds;
    this.page = page;
  }

  void declare(ClientCapabilities capabilities) {
    mutationsObserved = capabilities.mutations();
  }

  void observe(TelemetrySample s, List<SignalEvent> out) {
    advanceTo(s.t(), out);
    if (s.type().isPageResponse()) pending.clear();
    if (s.type() == SampleType.ERROR) errorAfterClicks(s, out);
  }

  void click(TelemetrySample click) {
    pending.addLast(new Pending(click.t(), click.target(), page.sectionOf(click), page.url()));
  }

  /** Closes the response window of every click older than {@code now - deadClickWindowMs}. */
  void advanceTo(long now, List<SignalEvent> out) {
    while (!pending.isEmpty() && now - pending.peekFirst().t() > thresholds.deadClickWindowMs()) {
      Pending dead = pending.pollFirst();
      boolean sameBurst = Objects.equals(dead.target(), lastDeadTarget) && lastDeadClickT != Long.MIN_VALUE
          && dead.t() - lastDeadClickT <= thresholds.rageMaxGapMs();
      if (!sameBurst && mutationsObserved) {
        out.add(new SignalEvent(SignalKind.DEAD_CLICK, dead.t() + thresholds.deadClickWindowMs(), dead.target(),
            dead.section(), dead.url(), Map.of("clickAt", (double) dead.t())));
      }
      lastDeadClickT = dead.t();
      lastDeadTarget = dead.target();
    }
  }

  private void errorAfterClicks(TelemetrySample error, List<SignalEvent> out) {
    int clicks = 0;
    Pending latest = null;
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending click = it.next();
      if (error.t() - click.t() <= thresholds.errorClickWindowMs()) {
        clicks++;
        latest = click;
        it.remove();
      }
    }
    if (latest != null) {
      out.add(new SignalEvent(SignalKind.ERROR_CLICK, error.t(), latest.target(), latest.section(), latest.url(),
          Map.of("clicks", (double) clicks, "delayMs", (double) (error.t() - latest.t()))));
    }
  }
}
