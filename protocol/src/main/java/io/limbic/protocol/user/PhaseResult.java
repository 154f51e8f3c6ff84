package io.limbic.protocol.user;

import io.limbic.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an idle-time phase concluded, as the journal keeps it (version 2 of {@link UserEvent.IdlePhaseCompleted};
 * version 1 held the same values as one flat JSON-like map). Each part is null when the phase does not produce it:
 * light fills {@code interactions}, medium {@code preferences}, deep {@code preferences} and {@code matchRun}.
 */
public record PhaseResult(Interactions interactions, Preferences preferences, MatchRun matchRun)
    implements CborSerializable {

  /**
   * What the user did lately.
   *
   * @param sent counts of the user's own interactions in the window, by type name
   * @param received counts of interactions towards the user in the window, by type name
   * @param lastInteractionAt the latest interaction either way in the window, null when none
   * @param mostEngaged up to five people the user engaged with most, most first
   */
  public record Interactions(
      Instant summarizedAt, int windowDays, Map<String, Integer> sent, Map<String, Integer> received,
      int distinctPeople, Instant lastInteractionAt, List<String> mostEngaged) implements CborSerializable {}

  /** The preference model learned, described as readable lines (the strongest values per attribute). */
  public record Preferences(Instant learnedAt, List<String> described) implements CborSerializable {}

  /**
   * The day's matching run: {@code reason} says why nobody could be matched (then the rest is empty), else when
   * the matches were generated, how many, out of how many candidates.
   */
  public record MatchRun(Instant generatedAt, int matches, int candidatesConsidered, String reason)
      implements CborSerializable {}
}
