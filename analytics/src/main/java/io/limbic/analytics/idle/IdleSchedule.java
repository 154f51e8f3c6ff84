package io.limbic.analytics.idle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a user's idle-time phases fall due: phase k (1-based) once the user has been idle for {@code thresholds[k-1]}
 * (10, 30 and 60 minutes by default). Phases run in order, each at most once per idle period.
 */
public record IdleSchedule(List<Duration> thresholds) {
  public static final String[] NAMES = {"light", "medium", "deep"};

  public IdleSchedule {
    thresholds = List.copyOf(thresholds);
    if (thresholds.isEmpty()) throw new IllegalArgumentException("at least one idle phase");
    for (int i = 0; i < thresholds.size(); i++) {
      if (thresholds.get(i).isNegative() || thresholds.get(i).isZero()) {
        throw new IllegalArgumentException("idle phase thresholds must be positive");
      }
      if (i > 0 && thresholds.get(i).compareTo(thresholds.get(i - 1)) < 0) {
        throw new IllegalArgumentException("idle phase thresholds must not decrease");
      }
    }
  }

  /** Parses {@code "10m,30m,60m"}: numbers with a unit of ms, s, m or h. */
  public static IdleSchedule parse(String spec) {
    List<Duration> durations = new ArrayList<>();
    for (String part : spec.split(",")) durations.add(duration(part.trim().toLowerCase(Locale.ROOT)));
    return new IdleSchedule(durations);
  }

  private static Duration duration(String text) {
    try {
      if (text.endsWith("ms")) return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      long n = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new IllegalArgumentException("unknown unit in " + text);
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a duration: " + text + " (use e.g. 10m, 30s, 500ms)");
    }
  }

  public int phases() {
    return thresholds.size();
  }

  public static String name(int phase) {
    return phase >= 1 && phase <= NAMES.length ? NAMES[phase - 1] : "phase-" + phase;
  }

  /** When phase {@code phase} of the idle period that began at {@code idleSince} falls due. */
  public Instant dueAt(Instant idleSince, int phase) {
    return idleSince.plus(thresholds.get(phase - 1));
  }

  /** The next phase to run after {@code completed} phases, if any is left. */
  public OptionalInt next(int completed) {
    return completed < phases() ? OptionalInt.of(completed + 1) : OptionalInt.empty();
  }

  /** The phase to run now, if the next one has fallen due. */
  public OptionalInt dueNow(Instant idleSince, int completed, Instant now) {
    OptionalInt next = next(completed);
    if (next.isEmpty() || now.isBefore(dueAt(idleSince, next.getAsInt()))) return OptionalInt.empty();
    return next;
  }

  /** When the next phase falls due, if any is left. */
  public Optional<Instant> nextDueAt(Instant idleSince, int completed) {
    OptionalInt next = next(completed);
    return next.isEmpty() ? Optional.empty() : Optional.of(dueAt(idleSince, next.getAsInt()));
  }
}
