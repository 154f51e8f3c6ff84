package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.protocol.http.Validated;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PostHogPayloadTest {
  private static final String BATCH = "{\"api_key\":\"phc_x\",\"batch\":[{\"event\":\"$pageview\"}]}";
  private static final Optional<String> JSON = Optional.of("application/json");
  private static final Optional<String> FORM = Optional.of("application/x-www-form-urlencoded");

  private static JsonNode decoded(byte[] body, Optional<String> type, Optional<String> compression) {
    Validated<JsonNode> json = PostHogPayload.decode(body, type, compression, 1 << 20);
    return json.get();
  }

  @Test
  void plainJson() {
    assertEquals("phc_x", decoded(utf8(BATCH), JSON, Optional.empty()).get("api_key").asText());
  }

  @Test
  void gzipAsPostHogNodeAndGzipJsAsPostHogJsSendIt() throws IOException {
    byte[] gzipped = gzip(utf8(BATCH));
    assertEquals("phc_x", decoded(gzipped, JSON, Optional.empty()).get("api_key").asText());
    assertEquals("phc_x", decoded(gzipped, Optional.of("text/plain"), Optional.of("gzip-js")).get("api_key").asText());
  }

  @Test
  void base64FormAndGzippedBase64Form() throws IOException {
    String plain = "data=" + URLEncoder.encode(Base64.getEncoder().encodeToString(utf8(BATCH)), StandardCharsets.UTF_8);
    assertEquals("$pageview", decoded(utf8(plain), FORM, Optional.empty()).path("batch").get(0).get("event").asText());
    String zipped = "compression=gzip-js&data="
        + URLEncoder.encode(Base64.getEncoder().encodeToString(gzip(utf8(BATCH))), StandardCharsets.UTF_8);
    assertEquals("phc_x", decoded(utf8(zipped), FORM, Optional.empty()).get("api_key").asText());
  }

  @Test
  void malformedBodiesAreNamedAndExpansionIsBounded() throws IOException {
    assertEquals("malformed_json", code(utf8("{nope"), JSON, Optional.empty(), 1000));
    assertEquals("invalid_body", code(utf8("data=%%%"), FORM, Optional.empty(), 1000));
    assertEquals("invalid_body", code(new byte[] {0x1f, (byte) 0x8b, 1, 2}, JSON, Optional.empty(), 1000));
    assertEquals("unsupported_compression", code(utf8("data=abc"), FORM, Optional.of("lz64"), 1000));
    byte[] bomb = gzip(new byte[100_000]);
    assertEquals(PostHogPayload.TOO_LARGE, code(bomb, JSON, Optional.empty(), 10_000));
    assertFalse(PostHogPayload.decode(utf8(""), JSON, Optional.empty(), 1000).isValid());
  }

  @Test
  void eventNamesBecomeProductEventTypes() {
    assertEquals("pageview", PostHogEvents.typeOf("$pageview"));
    assertEquals("signed_up", PostHogEvents.typeOf("Signed Up"));
    assertEquals("create_alias", PostHogEvents.typeOf("$create_alias"));
  }

  private static String code(byte[] body, Optional<String> type, Optional<String> compression, long max) {
    Validated<JsonNode> json = PostHogPayload.decode(body, type, compression, max);
    return ((Validated.Invalid<JsonNode>) json).code();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }
}
