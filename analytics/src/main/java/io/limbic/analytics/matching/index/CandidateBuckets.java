package io.limbic.analytics.matching.index;

import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory candidate index over {@link CandidateIndex} keys: the reference the SQL read model must agree with,
 * and what the evaluator and benchmark use. Buckets are (tenant, cell, age band); gender and seeks are filtered
 * within a bucket because a searcher with no stated preference cannot enumerate the tenant's genders. Not
 * thread-safe: build it, then query it.
 */
public final class CandidateBuckets {
  private record Row(CandidateKey key, MatchCandidate candidate) {}

  private final Map<String, List<Row>> buckets = new HashMap<>();
  private final int year;

  public CandidateBuckets(int year) {
    this.year = year;
  }

  public void add(MatchCandidate candidate) {
    for (CandidateKey key : CandidateIndex.keysFor(candidate.tenant(), candidate.profile(), year)) {
      buckets.computeIfAbsent(bucket(key.tenant(), key.cell(), key.ageBand()), b -> new ArrayList<>())
          .add(new Row(key, candidate));
    }
  }

  /** Candidates under any matching key, each once, in the order they were added per bucket. */
  public List<MatchCandidate> query(CandidateQuery query) {
    List<MatchCandidate> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String cell : query.cells()) {
      for (int band : query.ageBands()) {
        for (Row row : buckets.getOrDefault(bucket(query.tenant(), cell, band), List.of())) {
          if (query.matches(row.key()) && seen.add(row.candidate().userId())) found.add(row.candidate());
        }
      }
    }
    return found;
  }

  private static String bucket(String tenant, String cell, int band) {
    return tenant + "|" + cell + "|" + band;
  }
}
