package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;

/**
 * A frustration signal a client SDK observed itself (PostHog's {@code $rageclick} / {@code $dead_click}), on its way
 * to the session.
 *
 * @param id the report's id (PostHog's event uuid): a retried report is recorded once
 * @param kind {@code rageClicks} or {@code deadClicks} (the signal's summary name)
 * @param source the SDK that observed it ({@code posthog})
 * @param t the client's time of the signal, epoch milliseconds
 * @param target the element, in the notation of the session's click samples; null when none
 * @param x position on the page, when the client sent one
 * @param y position on the page, when the client sent one
 * @param url the page, when the client sent it
 */
public record ClientSignalReport(
    String id, String kind, String source, long t, String target, Double x, Double y, String url)
    implements CborSerializable {}
