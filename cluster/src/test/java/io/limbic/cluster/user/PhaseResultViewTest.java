package io.limbic.cluster.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.protocol.user.PhaseResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API keeps showing each phase's result as the flat object it always was, whatever the stored shape. */
class PhaseResultViewTest {
  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void eachPhaseShowsTheFlatFieldsOfBefore() {
    Map<String, PhaseResult> stored = Map.of(
        "light", new PhaseResult(new PhaseResult.Interactions(AT, 30, Map.of("MESSAGE", 3), Map.of(), 1, null,
            List.of("u2")), null, null),
        "deep", new PhaseResult(null, new PhaseResult.Preferences(AT, List.of("interests: hiking")),
            new PhaseResult.MatchRun(AT, 2, 40, null)),
        "nobody", new PhaseResult(null, null, new PhaseResult.MatchRun(null, 0, 0, "no location")));
    Map<String, Object> view = PhaseResultView.byPhase("u1", stored);
    assertEquals(List.of("deep", "light", "nobody"), List.copyOf(view.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> light = (Map<String, Object>) view.get("light");
    assertEquals(List.of("userId", "summarizedAt", "windowDays", "sent", "received", "distinctPeople",
        "lastInteractionAt", "mostEngaged"), List.copyOf(light.keySet()));
    assertEquals("2026-11-20T10:00:00Z", light.get("summarizedAt"));
    assertEquals(Map.of("learnedAt", "2026-11-20T10:00:00Z", "preferences", List.of("interests: hiking"),
        "generatedAt", "2026-11-20T10:00:00Z", "matches", 2, "candidatesConsidered", 40), view.get("deep"));
    assertEquals(Map.of("reason", "no location"), view.get("nobody"));
  }
}
