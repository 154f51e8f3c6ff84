package io.limbic.analytics.session.signal;

import java.util.Objects;

/**
 * A frustration signal a client SDK says it observed (PostHog's {@code $rageclick}, {@code $dead_click}), as opposed
 * to one the session's own detectors found in the raw samples.
 *
 * @param id the report's own id (PostHog's event {@code uuid}), so a retried report is judged once
 * @param t session time of the report: for a rage click the click that completed the burst, for a dead click the
 *     click itself (what posthog-js stamps on both)
 * @param target the element the client names, in the same notation as the session's click samples (for PostHog its
 *     {@code $elements_chain}); null when it names none
 */
public record ClientSignalReport(String id, SignalKind kind, long t, String target) {
  public ClientSignalReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
  }
}
