package io.limbic.cluster.fuzz;

import java.util.Set;

/**
 * What an answer to a fuzz request must be, beyond "not 5xx": any answer (a read), a rejection (a 4xx, or a 2xx
 * batch answer that accepted nothing), or one of a few statuses. {@code mayAbort}: the server may close the
 * connection instead of answering (a body it refuses while it is still being sent).
 */
record Expect(Kind kind, Set<Integer> statuses, boolean mayAbort) {
  enum Kind { READ, REJECTED, STATUS }

  static Expect read() {
    return new Expect(Kind.READ, Set.of(), false);
  }

  static Expect rejected() {
    return new Expect(Kind.REJECTED, Set.of(), false);
  }

  static Expect status(Integer... statuses) {
    return new Expect(Kind.STATUS, Set.of(statuses), false);
  }

  Expect orAbort() {
    return new Expect(kind, statuses, true);
  }

  @Override
  public String toString() {
    return kind == Kind.STATUS ? statuses.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
