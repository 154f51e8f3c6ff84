package io.limbic.cluster.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.http.Validated;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A PostHog capture body as the SDKs send it, decoded to JSON: plain JSON; gzip (posthog-node's
 * {@code Content-Encoding: gzip}, posthog-js's {@code ?compression=gzip-js}); or a form {@code data=<base64>}
 * (posthog-js's beacon fallback), itself possibly gzip. A gzip body is recognised by its magic bytes too. lz-string
 * ({@code compression=lz64}) is not supported. What gzip expands to is bounded by {@code maxBytes}.
 */
public final class PostHogPayload {
  public static final String TOO_LARGE = "too_large";
  private static final String FORM = "application/x-www-form-urlencoded";

  private PostHogPayload() {}

  /**
   * @param contentType the request's media type, if any
   * @param compression the {@code compression} query parameter, if any
   */
  public static Validated<JsonNode> decode(byte[] body, Optional<String> contentType, Optional<String> compression,
      long maxBytes) {
    byte[] bytes = body;
    Optional<String> mode = compression.map(c -> c.toLowerCase(Locale.ROOT));
    if (contentType.map(t -> t.toLowerCase(Locale.ROOT).startsWith(FORM)).orElse(false)) {
      String form = new String(body, StandardCharsets.ISO_8859_1);
      Optional<String> data;
      try {
        data = formField(form, "data");
      } catch (IllegalArgumentException e) {
        return Validated.invalid("invalid_body", "the form body is not URL-encoded");
      }
      if (data.isEmpty()) return Validated.invalid("invalid_body", "a form body must hold data=<base64 JSON>");
      mode = formField(form, "compression").map(c -> c.toLowerCase(Locale.ROOT)).or(() -> compression);
      String text = data.get().strip();
      if (text.startsWith("{") || text.startsWith("[")) {
        bytes = text.getBytes(StandardCharsets.UTF_8);
      } else {
        try {
          bytes = Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
          return Validated.invalid("invalid_body", "data is neither JSON nor base64");
        }
      }
    }
    if (mode.map(m -> m.equals("lz64")).orElse(false)) {
      return Validated.invalid("unsupported_compression", "compression=lz64 is not supported; use gzip-js");
    }
    if (isGzip(bytes)) {
      Validated<byte[]> inflated = gunzip(bytes, maxBytes);
      if (!inflated.isValid()) return inflated.failure();
      bytes = inflated.get();
    }
    return json(bytes);
  }

  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  private static Validated<byte[]> gunzip(byte[] bytes, long maxBytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (out.size() + n > maxBytes) {
          return Validated.invalid(TOO_LARGE, "the body expands beyond " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return Validated.valid(out.toByteArray());
    } catch (IOException e) {
      return Validated.invalid("invalid_body", "the body is not valid gzip");
    }
  }

  private static Validated<JsonNode> json(byte[] bytes) {
    try {
      JsonNode json = Json.MAPPER.readTree(bytes);
      if (json == null || json.isMissingNode()) return Validated.invalid("empty_body", "a JSON body is required");
      return Validated.valid(json);
    } catch (JsonProcessingException e) {
      return Validated.invalid("malformed_json", "the body is not valid JSON");
    } catch (IOException e) {
      return Validated.invalid("malformed_json", "the body could not be read");
    }
  }

  private static Optional<String> formField(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
