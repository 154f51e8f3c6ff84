package io.limbic.analytics.forensics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What followed each emotion on each page. A session counts once per emotion and page, from its first reading of
 * that emotion there; it succeeded (or failed) when its user recorded a success (failure) event after that reading
 * and within the window. Rates are over the identified sessions (an anonymous one has nobody whose events could
 * follow), with Wilson 95 % intervals; value is the sum of the success events' amounts in the window, per currency.
 * One purchase may follow several emotions and pages: the lines are not exclusive and do not add up.
 */
public final class EmotionOutcomes {
  /** One emotion on one page. */
  public record Line(
      String emotion, String page, long sessions, long identifiedSessions, long successes, Interval successRate,
      long failures, Interval failureRate, Map<String, Double> value) {}

  private EmotionOutcomes() {}

  public static List<Line> lines(List<EmotionReading> readings, List<ProductOutcome> outcomes, OutcomeRules rules) {
    Map<String, List<ProductOutcome>> byUser = new HashMap<>();
    for (ProductOutcome o : outcomes) byUser.computeIfAbsent(o.userId(), k -> new ArrayList<>()).add(o);
    byUser.values().forEach(list -> list.sort(Comparator.comparing(ProductOutcome::at)));

    // emotion/page -> session -> its first reading there
    Map<String, Map<String, EmotionReading>> firsts = new TreeMap<>();
    for (EmotionReading r : readings) {
      Map<String, EmotionReading> sessions = firsts.computeIfAbsent(r.state() + "\u0000" + r.page(),
          k -> new LinkedHashMap<>());
      EmotionReading seen = sessions.get(r.sessionId());
      if (seen == null) sessions.put(r.sessionId(), r);
      else if (r.at().isBefore(seen.at())) sessions.put(r.sessionId(), withUser(r, seen));
      else sessions.put(r.sessionId(), withUser(seen, r));
    }
    List<Line> lines = new ArrayList<>();
    for (Map.Entry<String, Map<String, EmotionReading>> e : firsts.entrySet()) {
      String[] key = e.getKey().split("\u0000", 2);
      long identified = 0;
      long successes = 0;
      long failures = 0;
      Map<String, Double> value = new TreeMap<>();
      for (EmotionReading first : e.getValue().values()) {
        if (first.userId() == null) continue;
        identified++;
        boolean success = false;
        boolean failure = false;
        Instant end = first.at().plus(rules.window());
        for (ProductOutcome o : byUser.getOrDefault(first.userId(), List.of())) {
          if (!o.at().isAfter(first.at())) continue;
          if (o.at().isAfter(end)) break;
          if (o.type().equals(rules.successEvent())) {
            success = true;
            if (o.currency() != null) value.merge(o.currency(), o.amount(), Double::sum);
          } else if (o.type().equals(rules.failureEvent())) {
            failure = true;
          }
        }
        if (success) successes++;
        if (failure) failures++;
      }
      lines.add(new Line(key[0], key[1], e.getValue().size(), identified, successes,
          Proportions.wilson(successes, identified), failures, Proportions.wilson(failures, identified), value));
    }
    return lines;
  }

  /** {@code r}, with the user of {@code other} when {@code r} has none (the session was identified later). */
  private static EmotionReading withUser(EmotionReading r, EmotionReading other) {
    if (r.userId() != null || other == null || other.userId() == null) return r;
    return new EmotionReading(r.readingId(), r.sessionId(), other.userId(), r.state(), r.confidence(), r.page(), r.at());
  }
}
