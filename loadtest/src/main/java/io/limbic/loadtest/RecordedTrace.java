package io.limbic.loadtest;

import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.evaluation.LabelledTrace;
import io.limbic.analytics.session.telemetry.SampleType;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * One labelled trace encoded once, ahead of the run: each sample's time relative to the trace's first sample, and
 * the JSON that follows {@code "t":<time>} up to the closing brace. Sending a sample is then a number and a copy.
 * The samples themselves are kept for the SDK's binary framing ({@link SampleFrame}), which encodes per message.
 *
 * <p>The generator's traces arrive slightly out of order and with retransmissions, as networks deliver them; the
 * server rejects samples older than what it has released, so here they are put in time order and deduplicated,
 * which is what a browser SDK sends. The generator records pointer moves at 20-60 per second; an SDK that sends
 * about 10 samples a second throttles moves, so moves closer than {@code minMoveGapMs} to the last one kept are
 * dropped (every other sample is kept: clicks, scrolls, mutations, errors, navigation).
 */
record RecordedTrace(EmotionalState state, long[] offsetsMs, byte[][] tails, TelemetrySample[] samples) {
  private static final byte[] OPEN = BatchBytes.ascii("{\"t\":");

  static RecordedTrace of(LabelledTrace trace, long minMoveGapMs) {
    List<TelemetrySample> samples = sent(trace, minMoveGapMs);
    long first = samples.get(0).t();
    long[] offsets = new long[samples.size()];
    byte[][] tails = new byte[samples.size()][];
    for (int i = 0; i < samples.size(); i++) {
      offsets[i] = samples.get(i).t() - first;
      tails[i] = BatchBytes.ascii(tail(samples.get(i)));
    }
    return new RecordedTrace(trace.state(), offsets, tails, samples.toArray(TelemetrySample[]::new));
  }

  /** The samples an SDK would send for this trace, in time order. */
  static List<TelemetrySample> sent(LabelledTrace trace, long minMoveGapMs) {
    List<TelemetrySample> ordered = new ArrayList<>(new LinkedHashSet<>(trace.samples()));
    ordered.sort(Comparator.comparingLong(TelemetrySample::t));
    List<TelemetrySample> kept = new ArrayList<>(ordered.size());
    long lastMove = Long.MIN_VALUE;
    for (TelemetrySample s : ordered) {
      if (s.type() == SampleType.MOVE) {
        if (lastMove != Long.MIN_VALUE && s.t() - lastMove < minMoveGapMs) continue;
        lastMove = s.t();
      }
      kept.add(s);
    }
    return kept;
  }

  int size() {
    return offsetsMs.length;
  }

  long durationMs() {
    return offsetsMs[offsetsMs.length - 1];
  }

  /** Writes sample {@code i} at client time {@code t}. */
  void write(int i, long t, BatchBytes out) {
    out.append(OPEN).append(t).append(tails[i]);
  }

  private static String tail(TelemetrySample s) {
    StringBuilder json = new StringBuilder(96).append(",\"type\":\"").append(s.type().wireName()).append('"');
    if (s.hasPosition()) json.append(",\"x\":").append(number(s.x())).append(",\"y\":").append(number(s.y()));
    if (s.button() != null) json.append(",\"button\":").append(s.button());
    if (s.target() != null) json.append(",\"target\":").append(string(s.target()));
    if (s.scrollY() != null) json.append(",\"scrollY\":").append(number(s.scrollY()));
    if (s.section() != null) json.append(",\"section\":").append(string(s.section()));
    if (s.url() != null) json.append(",\"url\":").append(string(s.url()));
    return json.append('}').toString();
  }

  /** Browsers report fractional page coordinates; one decimal is what they usually carry. */
  private static String number(double v) {
    double rounded = Math.round(v * 10) / 10.0;
    return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
  }

  private static String string(String s) {
    StringBuilder json = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') json.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      else json.append(c);
    }
    return json.append('"').toString();
  }
}
