package io.limbic.analytics.matching.scoring;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The user matches are generated for, with what rules candidates out and what they have already shown.
 *
 * @param blockedBySearcher people this user blocked
 * @param blockedSearcher people who blocked this user; excluded just the same, the block is a wall both ways
 * @param passed people this user passed on as a suggested match
 * @param matched people already matched with this user
 * @param decided people this user already decided on through an interaction (favorited, unfavorited, passed,
 *     messaged, replied to, called): never suggested again
 * @param interestShown net decayed evidence this user showed towards each person (favorites, messages...)
 * @param interestReceived net decayed evidence each person showed towards this user
 */
public record Searcher(
    MatchCandidate self,
    Set<String> blockedBySearcher,
    Set<String> blockedSearcher,
    Set<String> passed,
    Set<String> matched,
    Set<String> decided,
    Map<String, Double> interestShown,
    Map<String, Double> interestReceived,
    Instant now) {

  public Searcher {
    blockedBySearcher = Set.copyOf(blockedBySearcher);
    blockedSearcher = Set.copyOf(blockedSearcher);
    passed = Set.copyOf(passed);
    matched = Set.copyOf(matched);
    decided = Set.copyOf(decided);
    interestShown = Map.copyOf(interestShown);
    interestReceived = Map.copyOf(interestReceived);
  }

  public static Searcher fresh(MatchCandidate self, Instant now) {
    return new Searcher(self, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), Map.of(), now);
  }

  public Searcher withSelf(MatchCandidate newSelf) {
    return new Searcher(newSelf, blockedBySearcher, blockedSearcher, passed, matched, decided, interestShown,
        interestReceived, now);
  }

  public String userId() {
    return self.userId();
  }

  public String tenant() {
    return self.tenant();
  }
}
