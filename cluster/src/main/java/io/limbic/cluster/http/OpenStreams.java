package io.limbic.cluster.http;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How many long-lived responses (the emotion stream) each key holds open on this node, at most {@code maxPerKey}
 * ({@code limbic.http.max-streams-per-key}): a stream the key opens beyond it is refused with 429, and each that
 * ends, however it ends, frees its place. A place is taken when the request is answered and held for good once its
 * stream runs; one whose stream never ran (the response was refused or its connection lost before the body) is
 * given back {@code unstartedFor} later.
 */
final class OpenStreams {
  static final Duration UNSTARTED_FOR = Duration.ofSeconds(30);

  private final int maxPerKey;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, Set<Place>> open = new ConcurrentHashMap<>();

  OpenStreams(int maxPerKey) {
    this(maxPerKey, System::nanoTime);
  }

  OpenStreams(int maxPerKey, LongSupplier nanos) {
    if (maxPerKey < 1) throw new IllegalArgumentException("limbic.http.max-streams-per-key must be at least 1");
    this.maxPerKey = maxPerKey;
    this.nanos = nanos;
  }

  int maxPerKey() {
    return maxPerKey;
  }

  /** Takes a place for {@code key}; empty when it holds {@code maxPerKey} already. */
  Optional<Place> tryOpen(String key) {
    Place place = new Place(key, nanos.getAsLong());
    boolean[] taken = {false};
    open.compute(key, (k, held) -> {
      Set<Place> places = held == null ? new HashSet<>() : held;
      places.removeIf(p -> !p.started && place.reservedAt - p.reservedAt > UNSTARTED_FOR.toNanos());
      if (places.size() < maxPerKey) {
        places.add(place);
        taken[0] = true;
      }
      return places.isEmpty() ? null : places;
    });
    return taken[0] ? Optional.of(place) : Optional.empty();
  }

  int openOf(String key) {
    Set<Place> places = open.get(key);
    return places == null ? 0 : places.size();
  }

  /** One stream's place: {@link #started} when its stream runs, {@link #close} when it ends (once is enough). */
  final class Place {
    private final String key;
    private final long reservedAt;
    private volatile boolean started;

    private Place(String key, long reservedAt) {
      this.key = key;
      this.reservedAt = reservedAt;
    }

    void started() {
      started = true;
    }

    void close() {
      open.computeIfPresent(key, (k, places) -> {
        places.remove(this);
        return places.isEmpty() ? null : places;
      });
    }
  }
}
