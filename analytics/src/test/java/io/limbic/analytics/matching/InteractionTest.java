package io.limbic.analytics.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InteractionTest {

  @Test
  void aCompleteInteractionIsValid() {
    Interaction ok = new Interaction("a", "b", InteractionType.VIEW, Instant.EPOCH, "id-1", 12);
    assertEquals(List.of(), ok.validate());
  }

  @Test
  void everyMissingOrWrongFieldIsReported() {
    Interaction bad = new Interaction("a", "a", null, null, " ", -1);
    Set<String> fields = bad.validate().stream().map(FieldError::field).collect(Collectors.toSet());
    assertEquals(Set.of("to", "type", "at", "id", "durationS"), fields);
  }

  @Test
  void effortfulActionsWeighMoreThanCheapOnes() {
    assertTrue(InteractionType.CALL.evidence(0) > InteractionType.MESSAGE.evidence(0));
    assertTrue(InteractionType.MESSAGE.evidence(0) > InteractionType.REPLY.evidence(0));
    assertTrue(InteractionType.REPLY.evidence(0) > InteractionType.FAVORITE.evidence(0));
    assertTrue(InteractionType.FAVORITE.evidence(0) > InteractionType.VIEW.evidence(600));
    assertTrue(InteractionType.BLOCK.evidence(0) < 0);
    assertEquals(0, InteractionType.UNBLOCK.evidence(0));
  }

  @Test
  void aViewWeighsByDwellUpToACap() {
    assertTrue(InteractionType.VIEW.evidence(30) > InteractionType.VIEW.evidence(2));
    assertEquals(InteractionType.VIEW.evidence(60), InteractionType.VIEW.evidence(3600), 1e-12);
  }

  @Test
  void wireNamesParse() {
    assertEquals(Optional.of(InteractionType.UNFAVORITE), InteractionType.parse("unfavorite"));
    assertEquals(Optional.empty(), InteractionType.parse("poke"));
    assertEquals(Optional.of(MatchAction.PASS), MatchAction.parse("pass"));
    assertEquals(Optional.of(InteractionType.PASS), InteractionType.parse(" Pass "));
  }

  @Test
  void decisionsAreWhatKeepsSomeoneOutOfLaterMatches() {
    Set<InteractionType> decisions = Set.of(InteractionType.values()).stream().filter(InteractionType::decides)
        .collect(Collectors.toSet());
    assertEquals(Set.of(InteractionType.FAVORITE, InteractionType.UNFAVORITE, InteractionType.PASS,
        InteractionType.MESSAGE, InteractionType.REPLY, InteractionType.CALL), decisions);
    assertTrue(InteractionType.PASS.evidence(0) < 0);
  }
}
