package io.limbic.cluster.fuzz;

import java.util.Random;

/**
 * The valid ids the generator puts into bodies and paths: half of the time the canary's (so a wrongly accepted
 * write shows on the canary), otherwise one of a small pool of fuzz-only ids.
 */
record FuzzIds(String canaryUser, String canarySession, Random random) {
  String user() {
    return random.nextBoolean() ? canaryUser : "fz-u-" + random.nextInt(50);
  }

  String otherUser() {
    return "fz-o-" + random.nextInt(50);
  }

  String session() {
    return random.nextBoolean() ? canarySession : "fz-s-" + random.nextInt(50);
  }

  String anonymous() {
    return "fz-a-" + random.nextInt(50);
  }

  String eventId() {
    return "fz-e-" + random.nextInt(1_000_000);
  }

  String matchId() {
    return user() + "~" + otherUser() + "~2026-01-0" + (1 + random.nextInt(9));
  }
}
