package io.limbic.loadtest;

import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import io.limbic.protocol.session.TelemetryFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One WebSocket message in the browser SDK's binary framing ({@link TelemetryFrame}, what limbic.js sends over its
 * socket), written straight from recorded traces: the SDK's messages reach the node as binary frames, which skip
 * the server's UTF-8 text decoding, so a generator that sends JSON text would measure a path browsers do not take.
 * A frame carries what the JSON messages carry, so the two framings compare like for like: no user, no
 * capabilities, and no rage hints (RecordedTrace's JSON has none). Positions and scroll offsets are rounded to whole
 * pixels, as the SDK rounds them (the framing carries whole numbers; the JSON has one decimal).
 *
 * <p>Single-threaded and reused from message to message (the pacer's scratch): {@link #clear}, then {@link #take}
 * per sample (a {@link SessionPlayback.DueSample}), then {@link #writeTo}.
 */
final class SampleFrame implements SessionPlayback.DueSample {
  private static final int XY = 1, BUTTON = 2, TARGET = 4, SECTION = 8, SCROLL = 16, URL = 32;
  private static final int[] KIND = new int[SampleType.values().length];

  static {
    for (SampleType type : SampleType.values()) {
      KIND[type.ordinal()] = TelemetryFrame.KINDS.indexOf(type.wireName());
      if (KIND[type.ordinal()] < 0) throw new IllegalStateException("no frame kind for " + type);
    }
  }

  private TelemetrySample[] samples = new TelemetrySample[64];
  private long[] times = new long[64];
  private int count;
  private final List<String> strings = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();

  void clear() {
    count = 0;
    strings.clear();
    index.clear();
  }

  @Override
  public void take(RecordedTrace trace, int i, long t, boolean first) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
      times = Arrays.copyOf(times, count * 2);
    }
    TelemetrySample s = trace.samples()[i];
    samples[count] = s;
    times[count] = t;
    count++;
    intern(s.target());
    intern(s.section());
    intern(s.url());
  }

  int count() {
    return count;
  }

  /** Writes the frame: version, header, string table, then each sample with its deltas. */
  void writeTo(BatchBytes out) {
    out.appendByte(TelemetryFrame.VERSION);
    out.appendByte(0);  // header: no userId, no capabilities
    varint(out, strings.size());
    for (String text : strings) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      varint(out, utf8.length);
      out.append(utf8);
    }
    varint(out, count);
    long lastT = 0, lastX = 0, lastY = 0;
    for (int n = 0; n < count; n++) {
      TelemetrySample s = samples[n];
      out.appendByte(KIND[s.type().ordinal()]);
      int flags = (s.hasPosition() ? XY : 0) | (s.button() != null ? BUTTON : 0) | (s.target() != null ? TARGET : 0)
          | (s.section() != null ? SECTION : 0) | (s.scrollY() != null ? SCROLL : 0) | (s.url() != null ? URL : 0);
      out.appendByte(flags);
      zigzag(out, times[n] - lastT);
      lastT = times[n];
      if (s.hasPosition()) {
        long x = Math.round(s.x());
        long y = Math.round(s.y());
        zigzag(out, x - lastX);
        zigzag(out, y - lastY);
        lastX = x;
        lastY = y;
      }
      if (s.button() != null) varint(out, s.button());
      if (s.target() != null) varint(out, index.get(s.target()));
      if (s.section() != null) varint(out, index.get(s.section()));
      if (s.scrollY() != null) zigzag(out, Math.round(s.scrollY()));
      if (s.url() != null) varint(out, index.get(s.url()));
    }
  }

  private void intern(String text) {
    if (text != null && !index.containsKey(text)) {
      index.put(text, strings.size());
      strings.add(text);
    }
  }

  private static void zigzag(BatchBytes out, long n) {
    varint(out, (n << 1) ^ (n >> 63));
  }

  private static void varint(BatchBytes out, long n) {
    while ((n & ~0x7FL) != 0) {
      out.appendByte((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.appendByte((int) n);
  }
}
