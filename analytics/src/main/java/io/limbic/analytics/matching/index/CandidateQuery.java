package io.limbic.analytics.matching.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to read from the candidate index for one searcher: rows whose every column is in the given set.
 *
 * @param genders genders the searcher seeks; empty means any (the searcher stated no preference)
 * @param seeks the candidate must seek the searcher's gender or be open to anyone
 */
public record CandidateQuery(
    String tenant, Set<String> cells, Set<Integer> ageBands, Set<String> genders, Set<String> seeks) {

  public CandidateQuery {
    // sorted copies: Set.copyOf iterates in a per-JVM random order, and reads must be repeatable
    cells = Collections.unmodifiableSortedSet(new TreeSet<>(cells));
    ageBands = Collections.unmodifiableSortedSet(new TreeSet<>(ageBands));
    genders = Collections.unmodifiableSortedSet(new TreeSet<>(genders));
    seeks = Collections.unmodifiableSortedSet(new TreeSet<>(seeks));
  }

  public boolean matches(CandidateKey key) {
    return tenant.equals(key.tenant())
        && cells.contains(key.cell())
        && ageBands.contains(key.ageBand())
        && (genders.isEmpty() || genders.contains(key.gender()))
        && seeks.contains(key.seeks());
  }

  /** The exact keys to look up, for stores without range queries; empty when genders is open (use a prefix scan). */
  public List<CandidateKey> keys() {
    List<CandidateKey> keys = new ArrayList<>();
    if (genders.isEmpty()) return keys;
    for (String cell : cells) {
      for (int band : ageBands) {
        for (String gender : genders) {
          for (String sought : seeks) keys.add(new CandidateKey(tenant, cell, band, gender, sought));
        }
      }
    }
    return keys;
  }
}
