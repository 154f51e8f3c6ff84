package io.limbic.cluster.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.evaluation.TraceGenerator;
import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.List;

/** Labelled synthetic telemetry (the classifier's own seeded generator) as the JSON messages a browser would send. */
public final class Traces {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Traces() {}

  /**
   * One trace of {@code state}, cut into messages of at most one second of client time each; the first declares the
   * SDK's capabilities, as the SDK does.
   */
  public static List<String> messages(long seed, EmotionalState state, String userId) {
    return messages(new TraceGenerator(seed).generate(state).samples(), userId);
  }

  /** Samples cut into messages of at most one second of client time each, the first declaring capabilities. */
  public static List<String> messages(List<TelemetrySample> samples, String userId) {
    List<String> messages = new ArrayList<>();
    List<TelemetrySample> batch = new ArrayList<>();
    long batchStart = samples.get(0).t();
    for (TelemetrySample s : samples) {
      if (s.t() - batchStart >= 1000 && !batch.isEmpty()) {
        messages.add(json(batch, userId));
        batch = new ArrayList<>();
        batchStart = s.t();
      }
      batch.add(s);
    }
    if (!batch.isEmpty()) messages.add(json(batch, userId));
    if (!messages.isEmpty()) {
      ObjectNode first = (ObjectNode) read(messages.get(0));
      first.putObject("capabilities").put("mutations", true).put("selection", true);
      messages.set(0, first.toString());
    }
    return messages;
  }

  private static com.fasterxml.jackson.databind.JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(List<TelemetrySample> samples, String userId) {
    ObjectNode body = MAPPER.createObjectNode();
    if (userId != null) body.put("userId", userId);
    ArrayNode array = body.putArray("samples");
    for (TelemetrySample s : samples) {
      ObjectNode o = array.addObject();
      o.put("t", s.t());
      o.put("type", s.type().wireName());
      if (s.x() != null) o.put("x", s.x());
      if (s.y() != null) o.put("y", s.y());
      if (s.button() != null) o.put("button", s.button());
      if (s.target() != null) o.put("target", s.target());
      if (s.section() != null) o.put("section", s.section());
      if (s.scrollY() != null) o.put("scrollY", s.scrollY());
      if (s.url() != null) o.put("url", s.url());
      if (s.noRage() != null) o.put("noRage", s.noRage());
    }
    return body.toString();
  }
}
