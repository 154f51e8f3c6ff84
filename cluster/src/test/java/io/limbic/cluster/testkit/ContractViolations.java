package io.limbic.cluster.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * What responses received by {@link ApiClient}s made {@link ApiClient#validating validating} did against the
 * OpenAPI description. A test class checks it after each test ({@link #assertNone}), so a wrong response fails the
 * test that received it.
 */
public final class ContractViolations {
  private final List<String> found = new ArrayList<>();

  synchronized void record(List<String> violations) {
    found.addAll(violations);
  }

  /** Fails with every violation recorded since the last call, and forgets them. */
  public void assertNone() {
    List<String> seen;
    synchronized (this) {
      seen = List.copyOf(found);
      found.clear();
    }
    if (!seen.isEmpty()) fail("responses that break openapi.json:\n  " + String.join("\n  ", seen));
  }
}
