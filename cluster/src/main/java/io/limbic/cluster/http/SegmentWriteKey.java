package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The write key of a Segment request: the user name of {@code Authorization: Basic base64(writeKey:)}, as the SDKs
 * send it, else the body's {@code writeKey} (Segment's HTTP API takes either). Other schemes (the SDKs' OAuth
 * Bearer tokens) are not write keys, so the body decides then.
 */
public final class SegmentWriteKey {
  private static final String BASIC = "Basic ";

  private SegmentWriteKey() {}

  public static Optional<String> presented(Optional<String> authorization, JsonNode body) {
    Optional<String> basic = authorization.flatMap(SegmentWriteKey::basicUser);
    if (basic.isPresent()) return basic;
    JsonNode key = body.get("writeKey");
    return key != null && key.isTextual() && !key.asText().isBlank() ? Optional.of(key.asText()) : Optional.empty();
  }

  /** The user name of a Basic credential; empty for another scheme or a credential that is not base64. */
  static Optional<String> basicUser(String header) {
    if (!header.regionMatches(true, 0, BASIC, 0, BASIC.length())) return Optional.empty();
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    return user.isBlank() ? Optional.empty() : Optional.of(user);
  }
}
