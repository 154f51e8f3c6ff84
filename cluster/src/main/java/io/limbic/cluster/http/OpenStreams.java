package io.limbic.cluster.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many long-lived responses (the emotion stream) each key holds open on this node, at most {@code maxPerKey}
 * ({@code limbic.http.max-streams-per-key}): a stream the key opens beyond it is refused with 429, and each that
 * ends, however it ends, frees its place.
 */
final class OpenStreams {
  private final int maxPerKey;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  OpenStreams(int maxPerKey) {
    if (maxPerKey < 1) throw new IllegalArgumentException("limbic.http.max-streams-per-key must be at least 1");
    this.maxPerKey = maxPerKey;
  }

  int maxPerKey() {
    return maxPerKey;
  }

  /** Takes a place for {@code key}; false when it holds {@code maxPerKey} already. */
  boolean tryOpen(String key) {
    boolean[] taken = {false};
    open.compute(key, (k, n) -> {
      int held = n == null ? 0 : n;
      if (held >= maxPerKey) return n;
      taken[0] = true;
      return held + 1;
    });
    return taken[0];
  }

  /** Frees a place {@link #tryOpen} took. */
  void close(String key) {
    open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  int openOf(String key) {
    return open.getOrDefault(key, 0);
  }
}
