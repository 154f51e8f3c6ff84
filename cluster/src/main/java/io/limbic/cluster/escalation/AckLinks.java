package io.limbic.cluster.escalation;

import io.limbic.cluster.files.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-click acknowledgement links: {@code <base>/v1/incidents/{id}/ack?token=}. The token names the tenant, the
 * user (whose entity holds the incident), the incident, the contact it was sent to and when it expires, signed with
 * HMAC-SHA256 under the node's secret; nothing else is needed to use it, so it is as good as the contact's
 * acknowledgement until it expires. Every node of a cluster must share the secret.
 */
public final class AckLinks {
  public static final String SECRET_FILE = "escalation-secret";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /** What a valid token says. */
  public record Claim(String tenant, String userId, String incidentId, int contactIndex, Instant expires) {}

  private final byte[] secret;
  private final Duration ttl;
  private final Supplier<String> baseUrl;

  public AckLinks(byte[] secret, Duration ttl, Supplier<String> baseUrl) {
    this.secret = secret.clone();
    this.ttl = ttl;
    this.baseUrl = baseUrl;
  }

  /** The configured secret, or the one kept in the data directory (generated there on first use). */
  public static byte[] secret(String configured, Path dataDir) throws IOException {
    return secret(configured, dataDir, SECRET_FILE);
  }

  /** The configured secret, else the one kept in {@code dataDir/fileName}, generated there the first time. */
  public static byte[] secret(String configured, Path dataDir, String fileName) throws IOException {
    if (!configured.isBlank()) return configured.getBytes(StandardCharsets.UTF_8);
    Path file = dataDir.resolve(fileName);
    if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
    OwnerOnly.directory(dataDir);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String text = B64.encodeToString(random);
    OwnerOnly.writeAtomically(file, (text + "\n").getBytes(StandardCharsets.UTF_8));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public String url(String tenant, String userId, String incidentId, int contactIndex, Instant now) {
    return baseUrl.get() + "/v1/incidents/" + incidentId + "/ack?token="
        + token(new Claim(tenant, userId, incidentId, contactIndex, now.plus(ttl)));
  }

  String token(Claim claim) {
    String payload = String.join("\n", claim.tenant(), claim.userId(), claim.incidentId(),
        Integer.toString(claim.contactIndex()), Long.toString(claim.expires().getEpochSecond()));
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(body) + "." + B64.encodeToString(sign(body));
  }

  /** The claim of a token signed here, for this incident, not yet expired; empty otherwise. */
  public Optional<Claim> verify(String incidentId, String token, Instant now) {
    if (token == null) return Optional.empty();
    int dot = token.indexOf('.');
    if (dot <= 0) return Optional.empty();
    try {
      byte[] body = B64D.decode(token.substring(0, dot));
      byte[] signature = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(sign(body), signature)) return Optional.empty();
      String[] parts = new String(body, StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 5 || !parts[2].equals(incidentId)) return Optional.empty();
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[4]));
      if (!now.isBefore(expires)) return Optional.empty();
      return Optional.of(new Claim(parts[0], parts[1], parts[2], Integer.parseInt(parts[3]), expires));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
