package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SegmentWriteKeyTest {
  private static final String KEY = "pk_acme0123456789abcdef";

  private static String basic(String credential) {
    return "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode body(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void theBasicUserNameIsTheWriteKey() throws Exception {
    assertEquals(Optional.of(KEY), SegmentWriteKey.presented(Optional.of(basic(KEY + ":")), body("{}")));
    assertEquals(Optional.of(KEY), SegmentWriteKey.presented(Optional.of(basic(KEY)), body("{}")));
    assertEquals(Optional.of(KEY),
        SegmentWriteKey.presented(Optional.of(basic(KEY + ":")), body("{\"writeKey\":\"other\"}")), "the header wins");
  }

  @Test
  void withoutABasicHeaderTheBodysWriteKeyDecides() throws Exception {
    assertEquals(Optional.of(KEY), SegmentWriteKey.presented(Optional.empty(), body("{\"writeKey\":\"" + KEY + "\"}")));
    assertEquals(Optional.of(KEY),
        SegmentWriteKey.presented(Optional.of("Bearer oauth-token"), body("{\"writeKey\":\"" + KEY + "\"}")));
    assertEquals(Optional.of(KEY),
        SegmentWriteKey.presented(Optional.of("Basic %%%not-base64"), body("{\"writeKey\":\"" + KEY + "\"}")));
    assertEquals(Optional.empty(), SegmentWriteKey.presented(Optional.of(basic(":")), body("{}")));
    assertEquals(Optional.empty(), SegmentWriteKey.presented(Optional.empty(), body("{\"writeKey\":3}")));
  }
}
