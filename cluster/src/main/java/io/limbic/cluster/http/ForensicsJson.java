package io.limbic.cluster.http;

import io.limbic.analytics.forensics.EmotionOutcomes;
import io.limbic.analytics.forensics.EmotionVolatility;
import io.limbic.analytics.forensics.EmotionVolatility.Totals;
import io.limbic.analytics.forensics.EmotionWeather;
import io.limbic.analytics.forensics.FailureLog;
import io.limbic.analytics.forensics.Interval;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the revenue forensics reports look in JSON (NaN and infinities as null), and the definitions they state. */
final class ForensicsJson {
  static final String EMOTIONS_METHOD = "per emotion and page: sessions with at least one reading of it there; "
      + "outcome = the session's user recorded the success (failure) event after the session's first such reading "
      + "and within the attribution window; rates over identified sessions with Wilson 95 % intervals; value = sum "
      + "of the success events' amounts in the window, per currency; lines overlap (one purchase can follow several)";
  static final String EVI_FORMULA = "EVI = 100 x (1 - exp(-(W / H) / " + EmotionVolatility.SCALE + ")), W = sum of "
      + "state-change weights (distance on the valence-arousal plane, 1 = calm<->rage), H = session-hours (gaps "
      + "between a session's events, each at most " + EmotionVolatility.MAX_GAP.toMinutes() + " min)";
  static final Map<String, String> FAILURE_DEFINITIONS = Map.of(
      "falsePositives", "interventions whose feedback says falsePositive: true",
      "missedSaves", "the failure event within the attribution window after rage at or above the escalation "
          + "policy's minConfidence, with no intervention decided (holdout counts as decided) or with an incident "
          + "about it never acknowledged",
      "lateIncidents", "incidents acknowledged more than escalateAfter after opening, or never (chain ended, or "
          + "still open past escalateAfter)");

  private ForensicsJson() {}

  static Map<String, Object> line(EmotionOutcomes.Line l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("emotion", l.emotion());
    m.put("page", l.page());
    m.put("sessions", l.sessions());
    m.put("identifiedSessions", l.identifiedSessions());
    m.put("successes", l.successes());
    m.put("successRate", interval(l.successRate()));
    m.put("failures", l.failures());
    m.put("failureRate", interval(l.failureRate()));
    m.put("value", l.value());
    return m;
  }

  static Map<String, Object> volatility(String page, Totals t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (page != null) m.put("page", page);
    m.put("segment", EmotionVolatility.ALL_SEGMENT);
    m.put("evi", num(t.index()));
    m.put("changes", t.changes());
    m.put("weightedChanges", t.weightedChanges());
    m.put("sessionHours", t.sessionHours());
    return m;
  }

  static Map<String, Object> weather(EmotionWeather.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", r.date().toString());
    m.put("summary", r.summary());
    m.put("readings", r.readings());
    m.put("readingShare", r.readingShare());
    m.put("timeShare", r.timeShare());
    m.put("sessionHours", r.sessionHours());
    m.put("stormiestPages", r.stormiestPages().stream().map(p -> {
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("page", p.page());
      page.put("rageOrFrustration", p.rageOrFrustration());
      page.put("readings", p.readings());
      page.put("share", p.share());
      return page;
    }).toList());
    m.put("evi", num(r.evi()));
    m.put("previousEvi", num(r.previousEvi()));
    m.put("eviChange", num(r.eviChange()));
    return m;
  }

  static Map<String, Object> item(FailureLog.Item i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", i.kind());
    m.put("userId", i.userId());
    m.put("at", i.at().toString());
    m.put("what", i.what());
    m.put("links", i.links());
    return m;
  }

  static Map<String, Object> interval(Interval i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("estimate", num(i.estimate()));
    m.put("low", num(i.low()));
    m.put("high", num(i.high()));
    return m;
  }

  private static Double num(double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? null : x;
  }
}
