package io.limbic.cluster.user;

import io.limbic.protocol.user.PhaseResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API's shape of the idle phases' results: one flat object per phase name, as the API has always shown it. The
 * stored shape ({@link PhaseResult}) may change for its own reasons; this keeps the response stable.
 */
final class PhaseResultView {
  private PhaseResultView() {}

  static Map<String, Object> byPhase(String userId, Map<String, PhaseResult> results) {
    Map<String, Object> view = new TreeMap<>();
    results.forEach((phase, result) -> view.put(phase, flat(userId, result)));
    return view;
  }

  static Map<String, Object> flat(String userId, PhaseResult r) {
    Map<String, Object> flat = new LinkedHashMap<>();
    if (r == null) return flat;
    if (r.interactions() != null) {
      PhaseResult.Interactions i = r.interactions();
      flat.put("userId", userId);
      flat.put("summarizedAt", text(i.summarizedAt()));
      flat.put("windowDays", i.windowDays());
      flat.put("sent", i.sent());
      flat.put("received", i.received());
      flat.put("distinctPeople", i.distinctPeople());
      flat.put("lastInteractionAt", text(i.lastInteractionAt()));
      flat.put("mostEngaged", i.mostEngaged());
    }
    if (r.preferences() != null) {
      flat.put("learnedAt", text(r.preferences().learnedAt()));
      flat.put("preferences", r.preferences().described());
    }
    if (r.matchRun() != null) {
      PhaseResult.MatchRun m = r.matchRun();
      if (m.reason() != null) {
        flat.put("reason", m.reason());
      } else {
        flat.put("generatedAt", text(m.generatedAt()));
        flat.put("matches", m.matches());
        flat.put("candidatesConsidered", m.candidatesConsidered());
      }
    }
    return flat;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
