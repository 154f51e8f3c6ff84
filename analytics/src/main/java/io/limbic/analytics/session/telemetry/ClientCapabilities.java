package io.limbic.analytics.session.telemetry;

/**
 * What a client declared it observes, sent with its first telemetry message. Signals that depend on an observation
 * are only derived when the client declared it: a client that does not watch DOM mutations cannot tell a dead click
 * from a working one, so without {@code mutations} no click is ever called dead.
 *
 * @param mutations the client reports DOM mutations ({@code mutation} samples); enables dead clicks and the
 *     "answered clicks" evidence
 * @param selection the client reports text selection changes ({@code select} samples, and clicks that select text
 *     carry {@code noRage: "selection"})
 */
public record ClientCapabilities(boolean mutations, boolean selection) {
  /** What a client that declared nothing gets. */
  public static final ClientCapabilities NONE = new ClientCapabilities(false, false);
  /** The Limbic browser SDK, and the synthetic trace generator that writes what it would send. */
  public static final ClientCapabilities BROWSER_SDK = new ClientCapabilities(true, true);
}
