package io.limbic.analytics.forensics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant's public failure log: false positives (feedback saying an intervention answered no real emotion),
 * missed saves and incidents acknowledged late or never.
 *
 * <p>A missed save: a failure event (churn) of a user within the attribution window after escalation-grade rage
 * (rage at or above the escalation policy's confidence) with no intervention decided for the user between that
 * rage and the churn (a decision whose episode overlaps; a holdout decision counts as decided: it was a choice), or
 * with an incident about it that was never acknowledged. One item per churn event, naming the latest such rage.
 * Late: acknowledged after {@code escalateAfter} from opening (the first contact's turn had passed); never: not
 * acknowledged and the chain ended, or still open past the first contact's turn.
 */
public final class FailureLog {
  public record FalsePositive(
      String decisionId, String userId, Instant givenAt, String emotion, double confidence, String note) {}

  public record DecisionSpan(String decisionId, String userId, boolean holdout, Instant decidedAt, Instant endsAt) {}

  public record IncidentSpan(
      String incidentId, String userId, String emotionId, Instant openedAt, Instant acknowledgedAt,
      String acknowledgedBy, Instant endedAt, String status) {}

  /** One failure: what kind, whose, when, in words, and the ids to look it up by. */
  public record Item(String kind, String userId, Instant at, String what, Map<String, String> links) {}

  private FailureLog() {}

  public static List<Item> falsePositives(List<FalsePositive> feedback) {
    List<Item> items = new ArrayList<>();
    for (FalsePositive f : feedback) {
      String what = String.format(Locale.ROOT, "Intervention %s on %s (confidence %.2f) was flagged a false positive%s",
          f.decisionId(), f.emotion(), f.confidence(), f.note() == null || f.note().isBlank() ? "" : ": " + f.note());
      items.add(new Item("false_positive", f.userId(), f.givenAt(), what, links("decisionId", f.decisionId())));
    }
    return items;
  }

  public static List<Item> missedSaves(List<EmotionReading> rages, double minConfidence, List<ProductOutcome> churns,
      List<DecisionSpan> decisions, List<IncidentSpan> incidents, Duration window) {
    Map<String, List<EmotionReading>> ragesByUser = group(rages.stream()
        .filter(r -> r.userId() != null && r.state().equals("rage") && r.confidence() >= minConfidence).toList(),
        EmotionReading::userId);
    Map<String, List<DecisionSpan>> decisionsByUser = group(decisions, DecisionSpan::userId);
    Map<String, List<IncidentSpan>> incidentsByUser = group(incidents, IncidentSpan::userId);
    List<Item> items = new ArrayList<>();
    for (ProductOutcome churn : churns) {
      List<EmotionReading> before = ragesByUser.getOrDefault(churn.userId(), List.of()).stream()
          .filter(r -> r.at().isBefore(churn.at()) && !r.at().plus(window).isBefore(churn.at()))
          .sorted(Comparator.comparing(EmotionReading::at)).toList();
      if (before.isEmpty()) continue;
      Instant firstRage = before.get(0).at();
      EmotionReading rage = before.get(before.size() - 1);
      List<DecisionSpan> decided = decisionsByUser.getOrDefault(churn.userId(), List.of()).stream()
          .filter(d -> !d.decidedAt().isAfter(churn.at()) && !d.endsAt().isBefore(firstRage)).toList();
      List<String> rageIds = before.stream().map(EmotionReading::readingId).toList();
      List<IncidentSpan> raised = incidentsByUser.getOrDefault(churn.userId(), List.of()).stream()
          .filter(i -> rageIds.contains(i.emotionId())
              || (!i.openedAt().isBefore(firstRage) && !i.openedAt().isAfter(churn.at())))
          .toList();
      List<IncidentSpan> unacknowledged = raised.stream().filter(i -> i.acknowledgedAt() == null).toList();
      if (!decided.isEmpty() && unacknowledged.isEmpty()) continue;
      List<String> why = new ArrayList<>();
      if (decided.isEmpty()) why.add("no intervention was decided");
      if (!unacknowledged.isEmpty()) why.add("incident " + unacknowledged.get(0).incidentId() + " was never acknowledged");
      if (raised.isEmpty()) why.add("no incident was opened");
      String what = String.format(Locale.ROOT, "%s after rage (confidence %.2f) on %s at %s; %s",
          churn.type(), rage.confidence(), rage.page(), rage.at(), String.join(", ", why));
      Map<String, String> links = links("readingId", rage.readingId(), "sessionId", rage.sessionId(),
          "productEventId", churn.eventId());
      if (!decided.isEmpty()) links.put("decisionId", decided.get(decided.size() - 1).decisionId());
      if (!raised.isEmpty()) links.put("incidentId", (unacknowledged.isEmpty() ? raised : unacknowledged).get(0).incidentId());
      items.add(new Item("missed_save", churn.userId(), churn.at(), what, links));
    }
    return items;
  }

  public static List<Item> lateIncidents(List<IncidentSpan> incidents, Duration escalateAfter, Instant now) {
    List<Item> items = new ArrayList<>();
    for (IncidentSpan i : incidents) {
      Instant due = i.openedAt().plus(escalateAfter);
      if (i.acknowledgedAt() != null) {
        if (!i.acknowledgedAt().isAfter(due)) continue;
        long seconds = Duration.between(i.openedAt(), i.acknowledgedAt()).toSeconds();
        String what = String.format(Locale.ROOT, "Incident acknowledged %d s after opening by %s (due within %d s)",
            seconds, i.acknowledgedBy() == null ? "someone" : i.acknowledgedBy(), escalateAfter.toSeconds());
        items.add(new Item("acknowledged_late", i.userId(), i.acknowledgedAt(), what,
            links("incidentId", i.incidentId(), "readingId", i.emotionId())));
      } else if ("unacknowledged".equals(i.status()) || (i.endedAt() == null && now.isAfter(due))) {
        String what = i.endedAt() != null
            ? "Incident never acknowledged: the chain of contacts ended at " + i.endedAt()
            : String.format(Locale.ROOT, "Incident not acknowledged %d s after opening (due within %d s)",
                Duration.between(i.openedAt(), now).toSeconds(), escalateAfter.toSeconds());
        items.add(new Item("never_acknowledged", i.userId(), i.openedAt(), what,
            links("incidentId", i.incidentId(), "readingId", i.emotionId())));
      }
    }
    return items;
  }

  private static Map<String, String> links(String... pairs) {
    Map<String, String> links = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) if (pairs[i + 1] != null) links.put(pairs[i], pairs[i + 1]);
    return links;
  }

  private static <T> Map<String, List<T>> group(List<T> items, java.util.function.Function<T, String> key) {
    Map<String, List<T>> out = new HashMap<>();
    for (T t : items) out.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
    return out;
  }
}
