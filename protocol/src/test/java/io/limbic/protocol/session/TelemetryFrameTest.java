package io.limbic.protocol.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TelemetryFrameTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void aBatchComesBackAsTheSameFieldMaps() {
    TelemetryFrame frame = new TelemetryFrame(Optional.of("user-1"), Optional.of(new Capabilities(true, false)),
        checkoutSession(60));
    TelemetryFrame back = TelemetryFrame.decode(frame.encode());
    assertEquals(frame, back);
  }

  @Test
  void negativeDeltasLargeTimesAndUnicodeSurvive() {
    List<Map<String, Object>> samples = List.of(
        sample(9_007_199_254_740_000L, "scroll", null, null, Map.of("scrollY", -40L, "url", "/caf\u00e9/\u2603")),
        sample(9_007_199_254_740_001L, "move", 90_000L, 5L, Map.of("url", "/caf\u00e9/\u2603")),
        sample(9_007_199_254_740_002L, "click", -90_000L, 0L,
            Map.of("button", 0L, "target", "button#pay", "noRage", "marked", "section", "checkout")));
    TelemetryFrame frame = new TelemetryFrame(Optional.empty(), Optional.empty(), samples);
    assertEquals(frame, TelemetryFrame.decode(frame.encode()));
  }

  @Test
  void aFrameDeclaringMoreSamplesThanTheLimitBuildsNone() {
    int count = 87_000; // 3-byte samples: about 256 KiB, the WebSocket message limit
    byte[] withCount = new byte[6 + 3 * count]; // version 1, no header flags, no strings, then the count
    withCount[0] = 1;
    withCount[3] = (byte) (0x80 | (count & 0x7F));
    withCount[4] = (byte) (0x80 | ((count >> 7) & 0x7F));
    withCount[5] = (byte) (count >> 14); // the samples (kind 0, flags 0, t +0) follow as zero bytes
    TelemetryFrame frame = TelemetryFrame.decode(withCount, 1000);
    assertEquals(count, frame.declaredSamples());
    assertTrue(frame.samples().isEmpty(), "no sample is built past the limit");
    assertEquals(count, TelemetryFrame.decode(withCount, count).samples().size());
  }

  @Test
  void anUnknownKindIsKeptForTheSampleChecksToRefuse() {
    byte[] bytes = {1, 0, 0, 1, 42, 0, 2};
    Map<String, Object> s = TelemetryFrame.decode(bytes).samples().get(0);
    assertEquals("kind-42", s.get("type"));
    assertEquals(1L, s.get("t"));
  }

  @Test
  void aFrameThatDoesNotFollowTheLayoutIsMalformedWithAReason() {
    assertMalformed(new byte[] {}, "ends inside the version");
    assertMalformed(new byte[] {2, 0, 0, 0}, "version 2");
    assertMalformed(new byte[] {1, (byte) 0x80, 0, 0}, "header flags");
    assertMalformed(new byte[] {1, 4, 0, 0}, "header flags"); // mutations without capabilities
    assertMalformed(new byte[] {1, 0, 5, 1, 'a'}, "string count");
    assertMalformed(new byte[] {1, 0, 1, 9, 'a', 0}, "string length");
    assertMalformed(new byte[] {1, 0, 1, 2, (byte) 0xC3, 0x28, 0}, "UTF-8");
    assertMalformed(new byte[] {1, 0, 0, 1, 0, 4, 2, 0}, "string index");
    assertMalformed(new byte[] {1, 0, 0, 1, 0, (byte) 0x80, 2}, "field flags");
    assertMalformed(new byte[] {1, 0, 0, 1, 0, 0, 2, 7}, "after the last sample");
    assertMalformed(new byte[] {1, 0, 0, 9, 0, 0, 2}, "sample count");
    byte[] longVarint = new byte[14];
    longVarint[0] = 1;
    Arrays.fill(longVarint, 2, 14, (byte) 0xFF);
    assertMalformed(longVarint, "varint longer");
  }

  @Test
  void deltasThatOverflowAreMalformed() {
    // t grows by 2^62 - 1 three times in a row: the third addition overflows a long.
    byte[] huge = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x7F};
    byte[] bytes = new byte[4 + 3 * (2 + huge.length)];
    bytes[0] = 1;
    bytes[3] = 3;
    for (int i = 0; i < 3; i++) {
      int at = 4 + i * (2 + huge.length);
      bytes[at] = 0;
      bytes[at + 1] = 0;
      System.arraycopy(huge, 0, bytes, at + 2, huge.length);
    }
    assertMalformed(bytes, "overflows");
  }

  /** Random bytes and single-byte corruptions of a real frame: a frame or a Malformed, never another failure. */
  @Test
  void fuzzedInputDecodesOrIsMalformedNeverAnythingElse() {
    Random random = new Random(14);
    byte[] good = new TelemetryFrame(Optional.of("u"), Optional.empty(), checkoutSession(40)).encode();
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = good.clone();
        input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        if (i % 4 == 0) input = Arrays.copyOf(input, random.nextInt(input.length + 1));
      } else {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
        if (input.length > 0) input[0] = 1;
      }
      try {
        TelemetryFrame frame = TelemetryFrame.decode(input);
        assertTrue(frame.samples().size() <= input.length / 3);
        decoded++;
      } catch (TelemetryFrame.Malformed expected) {
        assertTrue(expected.getMessage().contains("at byte"), expected.getMessage());
      }
    }
    assertTrue(decoded > 0, "some corruptions still decode (a changed delta or index)");
  }

  /** The figure the README quotes: bytes per sample of the binary framing against the SDK's JSON of the batch. */
  @Test
  void printsBytesPerSampleAgainstJson() throws Exception {
    List<Map<String, Object>> samples = checkoutSession(50);
    byte[] binary = new TelemetryFrame(Optional.empty(), Optional.empty(), samples).encode();
    byte[] json = MAPPER.writeValueAsBytes(Map.of("samples", samples));
    System.out.printf("telemetry framing, %d samples of a checkout session: binary %.1f bytes/sample, JSON %.1f"
        + " bytes/sample, ratio %.1fx%n", samples.size(), binary.length / 50.0, json.length / 50.0,
        (double) json.length / binary.length);
    assertTrue(binary.length * 4 < json.length, "binary is far smaller than JSON");
  }

  private static void assertMalformed(byte[] bytes, String reason) {
    TelemetryFrame.Malformed e = assertThrows(TelemetryFrame.Malformed.class, () -> TelemetryFrame.decode(bytes));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  /** Shaped like what the SDK records on the demo checkout: moves every ~50 ms, key presses, clicks, mutations. */
  static List<Map<String, Object>> checkoutSession(int count) {
    Random random = new Random(7);
    List<Map<String, Object>> samples = new ArrayList<>();
    long t = 1_764_600_000_000L;
    long x = 40, y = 40;
    String[] targets = {"input#coupon-code", "button#coupon", "button#pay", "div.card>p:nth-of-type(2)"};
    while (samples.size() < count) {
      t += 40 + random.nextInt(30);
      int roll = random.nextInt(10);
      if (roll < 6) {
        x += random.nextInt(41) - 10;
        y += random.nextInt(31) - 8;
        samples.add(sample(t, "move", x, y, Map.of("url", "/sdk/demo.html", "target", targets[random.nextInt(4)],
            "section", "checkout")));
      } else if (roll < 8) {
        samples.add(sample(t, "key", null, null, Map.of("url", "/sdk/demo.html", "target", targets[0],
            "section", "checkout")));
      } else if (roll < 9) {
        samples.add(sample(t, "click", x, y, Map.of("url", "/sdk/demo.html", "target", targets[2],
            "section", "checkout", "button", 0L)));
      } else {
        samples.add(sample(t, "mutation", null, null, Map.of("url", "/sdk/demo.html")));
      }
    }
    return samples;
  }

  private static Map<String, Object> sample(long t, String type, Long x, Long y, Map<String, Object> more) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("t", t);
    s.put("type", type);
    if (x != null) {
      s.put("x", x);
      s.put("y", y);
    }
    s.putAll(more);
    return s;
  }

  @Test
  void theHeaderCarriesUserIdAndCapabilities() {
    byte[] bytes = new TelemetryFrame(Optional.of("jane"), Optional.of(new Capabilities(true, true)), List.of())
        .encode();
    byte[] expected = {1, 1 | 2 | 4 | 8, 4, 'j', 'a', 'n', 'e', 0, 0};
    assertArrayEquals(expected, bytes);
  }
}
