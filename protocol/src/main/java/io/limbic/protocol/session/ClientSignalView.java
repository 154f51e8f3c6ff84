package io.limbic.protocol.session;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;

/**
 * A client-reported signal as the session keeps it, beside its own detection ({@code GET /v1/sessions/{id}}).
 *
 * @param verdict {@code corroborated} (the session's own detector found it too) or {@code clientReported}
 * @param confidence how far it is trusted to be the signal it names under the tenant's thresholds
 * @param evidence what the verdict rests on
 */
public record ClientSignalView(
    String id, String kind, String source, Instant at, String target, Double x, Double y, String url,
    String verdict, double confidence, String evidence) implements CborSerializable {
  public static final String CORROBORATED = "corroborated";
  public static final String CLIENT_REPORTED = "clientReported";

  public ClientSignalView corroborated(double newConfidence, String newEvidence) {
    return new ClientSignalView(id, kind, source, at, target, x, y, url, CORROBORATED, newConfidence, newEvidence);
  }
}
