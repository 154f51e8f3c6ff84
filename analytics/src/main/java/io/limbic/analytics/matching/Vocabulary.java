package io.limbic.analytics.matching;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant's terms (genders, interests, languages) numbered in order of first use, so that scoring compares ints
 * in small arrays instead of hashing strings through maps: at 100,000 candidates per searcher the difference is
 * several times the whole time budget.
 *
 * <p>Ids live only in one node's memory and only mean something within one vocabulary: compiled preferences and
 * candidate traits must be built from the same instance, and nothing persisted may hold an id (persist terms).
 * Append-only and safe to share between threads.
 */
public final class Vocabulary {
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  /** The id of a term, numbering it if new. */
  public int id(String term) {
    return ids.computeIfAbsent(term, t -> next.getAndIncrement());
  }

  public int size() {
    return ids.size();
  }
}
