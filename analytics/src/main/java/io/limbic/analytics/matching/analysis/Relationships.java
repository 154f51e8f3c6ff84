package io.limbic.analytics.matching.analysis;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.MatchAction;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.Searcher;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's standing with other people, derived from interactions and match feedback: who is blocked either way,
 * who was passed, who the user decided on through an interaction (favorite, unfavorite, pass, message, reply, call:
 * {@link InteractionType#decides()}), and how much interest has been shown each way (decayed like preference
 * evidence).
 *
 * <p>Block and unblock are replayed in time order per direction, so the latest one wins whatever order the events
 * arrived in; the same holds for the latest action on a suggested match.
 */
public record Relationships(
    Set<String> blockedByUser,
    Set<String> blockedUser,
    Set<String> passed,
    Set<String> decided,
    Map<String, Double> interestShown,
    Map<String, Double> interestReceived) {

  public static Relationships of(
      String userId, List<Interaction> interactions, List<MatchFeedback> feedback, Instant now, Duration halfLife) {
    Map<String, Boolean> outgoingBlock = new HashMap<>();
    Map<String, Boolean> incomingBlock = new HashMap<>();
    Map<String, Double> shown = new HashMap<>();
    Map<String, Double> received = new HashMap<>();
    Set<String> decided = new HashSet<>();
    double halfLifeS = halfLife.toMillis() / 1000.0;
    List<Interaction> ordered = interactions.stream().sorted(Comparator.comparing(Interaction::at)).toList();
    for (Interaction interaction : ordered) {
      boolean outgoing = userId.equals(interaction.from());
      if (!outgoing && !userId.equals(interaction.to())) continue;
      String other = outgoing ? interaction.to() : interaction.from();
      InteractionType type = interaction.type();
      if (outgoing && type.decides()) decided.add(other);
      if (type == InteractionType.BLOCK || type == InteractionType.UNBLOCK) {
        (outgoing ? outgoingBlock : incomingBlock).put(other, type == InteractionType.BLOCK);
        continue;
      }
      // Whole seconds: toMillis() overflows for times centuries away, which old journals may hold.
      double ageS = Math.max(0, Duration.between(interaction.at(), now).getSeconds());
      double weight = interaction.evidence() * Math.pow(0.5, ageS / halfLifeS);
      (outgoing ? shown : received).merge(other, weight, Double::sum);
    }
    Map<String, MatchAction> latestAction = new HashMap<>();
    feedback.stream().sorted(Comparator.comparing(MatchFeedback::at))
        .forEach(f -> latestAction.put(f.candidateId(), f.action()));
    Set<String> passed = new HashSet<>();
    latestAction.forEach((candidate, action) -> {
      if (action == MatchAction.PASS) passed.add(candidate);
    });
    return new Relationships(blocked(outgoingBlock), blocked(incomingBlock), passed, Set.copyOf(decided), shown, received);
  }

  public Searcher toSearcher(MatchCandidate self, Set<String> matched, Instant now) {
    return new Searcher(self, blockedByUser, blockedUser, passed, matched, decided, interestShown, interestReceived,
        now);
  }

  private static Set<String> blocked(Map<String, Boolean> latest) {
    Set<String> blocked = new HashSet<>();
    latest.forEach((other, isBlocked) -> {
      if (isBlocked) blocked.add(other);
    });
    return Set.copyOf(blocked);
  }
}
