package io.limbic.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.session.telemetry.TelemetrySample;
import io.limbic.protocol.session.TelemetryFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generator's binary messages are frames the node's decoder reads back as the samples the JSON would carry. */
class SampleFrameTest {

  @Test
  void framesDecodeToTheSamplesOfTheJsonMessages() {
    TraceLibrary library = new TraceLibrary(7, 6, 10, 0.5);
    SessionPlayback session = new SessionPlayback("s", "u", 0, 1_700_000_000_000L, library, new Random(3), true);
    SampleFrame frame = new SampleFrame();
    BatchBytes bytes = new BatchBytes();
    int messages = 0;
    int withStrings = 0;
    for (long now = 500_000_000L; now < 120_000_000_000L; now += 500_000_000L) {
      List<Map<String, Object>> expected = new ArrayList<>();
      frame.clear();
      SessionPlayback.DueSample both = (trace, i, t, first) -> {
        frame.take(trace, i, t, first);
        expected.add(fields(trace.samples()[i], t));
      };
      if (session.takeDue(now, 1000, both) == 0) continue;
      bytes.clear();
      frame.writeTo(bytes);
      TelemetryFrame decoded = TelemetryFrame.decode(Arrays.copyOf(bytes.array(), bytes.length()));
      assertTrue(decoded.userId().isEmpty() && decoded.capabilities().isEmpty());
      assertEquals(expected, decoded.samples().stream().map(SampleFrameTest::numbersAsLongs).toList());
      messages++;
      if (expected.stream().anyMatch(s -> s.containsKey("target"))) withStrings++;
    }
    assertTrue(messages > 100 && withStrings > 10, messages + " messages, " + withStrings + " with strings");
  }

  private static Map<String, Object> fields(TelemetrySample s, long t) {
    Map<String, Object> m = new HashMap<>();
    m.put("t", t);
    m.put("type", s.type().wireName());
    if (s.hasPosition()) {
      m.put("x", Math.round(s.x()));
      m.put("y", Math.round(s.y()));
    }
    if (s.button() != null) m.put("button", (long) s.button());
    if (s.target() != null) m.put("target", s.target());
    if (s.section() != null) m.put("section", s.section());
    if (s.scrollY() != null) m.put("scrollY", Math.round(s.scrollY()));
    if (s.url() != null) m.put("url", s.url());
    return m;
  }

  private static Map<String, Object> numbersAsLongs(Map<String, Object> sample) {
    Map<String, Object> m = new HashMap<>();
    sample.forEach((k, v) -> m.put(k, v instanceof Number n ? (Object) n.longValue() : v));
    return m;
  }
}
