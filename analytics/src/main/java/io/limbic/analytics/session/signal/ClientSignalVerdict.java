package io.limbic.analytics.session.signal;

/**
 * How a client's report stands beside the session's own detection.
 *
 * @param corroborated the session's own detector found the same kind of signal on the same element within the
 *     window ({@link ClientReportedSignals})
 * @param confidence how far the report is trusted to be the signal it names under the tenant's own thresholds
 * @param matchedAt session time of the session's own signal it matched; null when none
 * @param evidence what the verdict rests on, for a person
 */
public record ClientSignalVerdict(
    String reportId, boolean corroborated, double confidence, Long matchedAt, String evidence) {}
