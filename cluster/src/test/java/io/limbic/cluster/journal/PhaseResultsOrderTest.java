package io.limbic.cluster.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.limbic.analytics.idle.IdleSchedule;
import io.limbic.cluster.user.UserState;
import io.limbic.protocol.user.PhaseResult;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The idle phases' results give way least recently completed first, and that order is all a snapshot keeps of
 * it: a user recovered from a snapshot must evict the same name as one recovered from the journal.
 */
class PhaseResultsOrderTest {
  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
  private static final ActorSystem system = JournalSerialization.start();
  private static final Serialization serialization = JournalSerialization.of(system);

  @AfterAll
  static void stop() {
    system.terminate();
  }

  static UserState completed(UserState state, int phase) {
    return state.apply(new IdlePhaseCompleted("acme", "u1", T0, T0, phase, IdleSchedule.name(phase),
        new PhaseResult(null, null, new PhaseResult.MatchRun(T0, 0, 0, "r" + phase)), List.of(), 0));
  }

  @Test
  void aSnapshotKeepsWhichNameGivesWayNext() {
    UserState state = UserState.empty("acme", "u1");
    // Phase names completed out of order (a schedule changed): the 16 kept, least recent first, are 2, 1, 5..18.
    for (int phase = 20; phase >= 1; phase--) state = completed(state, phase);
    for (int phase = 5; phase <= 18; phase++) state = completed(state, phase);
    List<String> before = new ArrayList<>(state.matching().phaseResults().keySet());

    Serializer serializer = serialization.findSerializerFor(state);
    byte[] bytes = serialization.serialize(state).get();
    UserState read = (UserState) serialization.deserialize(bytes, serializer.identifier(),
        Serializers.manifestFor(serializer, state)).get();

    assertEquals(before, new ArrayList<>(read.matching().phaseResults().keySet()));
    assertEquals(List.of(IdleSchedule.name(2), IdleSchedule.name(1), IdleSchedule.name(5)), before.subList(0, 3));
    UserState next = completed(read, 21);
    assertFalse(next.matching().phaseResults().containsKey(IdleSchedule.name(2)), "the least recent gave way");
    assertEquals(new ArrayList<>(completed(state, 21).matching().phaseResults().keySet()),
        new ArrayList<>(next.matching().phaseResults().keySet()), "as it would have without the snapshot");
  }
}
