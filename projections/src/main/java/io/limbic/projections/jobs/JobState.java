package io.limbic.projections.jobs;

import java.util.Locale;
import java.util.Optional;

/** Where a job is: queued, then running on one node, then one of the three final states. */
public enum JobState {
  QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED;

  /** The name stored and shown: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  public static Optional<JobState> parse(String label) {
    for (JobState s : values()) if (s.label().equals(label)) return Optional.of(s);
    return Optional.empty();
  }
}
