package io.limbic.projections.agents;

/** What {@code POST /v1/dead-letters/{id}/replay} did. */
public sealed interface ReplayOutcome {
  /** Delivered; in sequence mode {@code delivered} counts the entity's letters that were waiting behind it too. */
  record Delivered(DeadLetter letter, int delivered) implements ReplayOutcome {}

  /** No such letter for the caller's tenant. */
  record NotFound() implements ReplayOutcome {}

  /** Replayed already, or being replayed right now. */
  record AlreadyReplayed(DeadLetter letter) implements ReplayOutcome {}

  /** Sequence mode: the letter waits behind {@code head}, which must be replayed first. */
  record BlockedBehind(DeadLetter letter, long head) implements ReplayOutcome {}

  /** The agent failed again (or is not running here); the letter stays parked with one more attempt. */
  record Failed(DeadLetter letter, String error) implements ReplayOutcome {}
}
