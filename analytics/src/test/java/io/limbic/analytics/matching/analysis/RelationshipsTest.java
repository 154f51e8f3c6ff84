package io.limbic.analytics.matching.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.InteractionType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelationshipsTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private static Interaction of(String from, String to, InteractionType type, int i) {
    return Interaction.of(from, to, type, NOW.minusSeconds(100 - i), "i" + i);
  }

  @Test
  void everyOutgoingDecisionIsRememberedAndNothingIncomingOrAViewIs() {
    List<Interaction> interactions = List.of(
        of("me", "fav", InteractionType.FAVORITE, 1),
        of("me", "unfav", InteractionType.FAVORITE, 2),
        of("me", "unfav", InteractionType.UNFAVORITE, 3),
        of("me", "passed", InteractionType.PASS, 4),
        of("me", "written", InteractionType.MESSAGE, 5),
        of("me", "looked", InteractionType.VIEW, 6),
        of("admirer", "me", InteractionType.FAVORITE, 7));
    Relationships r = Relationships.of("me", interactions, List.of(), NOW, Duration.ofDays(30));
    assertEquals(Set.of("fav", "unfav", "passed", "written"), r.decided());
  }
}
