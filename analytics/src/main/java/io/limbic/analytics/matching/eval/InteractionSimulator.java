package io.limbic.analytics.matching.eval;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.index.CandidateBuckets;
import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plays out two months of app use from hidden tastes. Each person browses {@code browse} random profiles from their
 * own index query (the feed an app without a recommender would show). With w = utility + N(0, 0.07) noise per
 * decision: a view with dwell 3 + 50 w seconds; a favorite if w > {@value #FAVORITE_AT}; a message if
 * w > {@value #MESSAGE_AT}, answered an hour later if the recipient's own noisy utility exceeds
 * {@value #REPLY_AT}; a block with probability 5 % if w < 0.15.
 */
public final class InteractionSimulator {
  static final double FAVORITE_AT = 0.62;
  static final double MESSAGE_AT = 0.70;
  static final double REPLY_AT = 0.55;
  private static final double NOISE = 0.07;
  private static final Duration SPAN = Duration.ofDays(60);

  private InteractionSimulator() {}

  public static List<Interaction> simulate(
      List<SyntheticPerson> people, Map<String, SyntheticPerson> byId, CandidateBuckets feed, int browse,
      long seed, Instant now, int year) {
    Random random = new Random(seed);
    List<Interaction> interactions = new ArrayList<>();
    for (SyntheticPerson viewer : people) {
      List<MatchCandidate> pool = new ArrayList<>(CandidateIndex.queryFor(SyntheticPopulation.TENANT,
          viewer.profile(), 100, CandidateIndex.allAgeBands()).map(feed::query).orElse(List.of()));
      pool.removeIf(c -> c.userId().equals(viewer.id()));
      Collections.shuffle(pool, random);
      for (MatchCandidate shown : pool.subList(0, Math.min(browse, pool.size()))) {
        SyntheticPerson other = byId.get(shown.userId());
        Instant at = now.minus(Duration.ofSeconds((long) (random.nextDouble() * SPAN.toSeconds())));
        double u = viewer.wants(other, year);
        double w = u + NOISE * random.nextGaussian();
        String key = viewer.id() + ">" + other.id() + "@" + at.getEpochSecond();
        int dwell = (int) Math.round(3 + 50 * Math.max(0, Math.min(1, w)));
        interactions.add(new Interaction(viewer.id(), other.id(), InteractionType.VIEW, at, key + ":v", dwell));
        if (w > FAVORITE_AT) {
          interactions.add(Interaction.of(viewer.id(), other.id(), InteractionType.FAVORITE, at, key + ":f"));
        }
        if (u + NOISE * random.nextGaussian() > MESSAGE_AT) {
          interactions.add(Interaction.of(viewer.id(), other.id(), InteractionType.MESSAGE, at, key + ":m"));
          if (other.wants(viewer, year) + NOISE * random.nextGaussian() > REPLY_AT) {
            interactions.add(Interaction.of(other.id(), viewer.id(), InteractionType.REPLY,
                at.plus(Duration.ofHours(1)), key + ":r"));
          }
        }
        if (w < 0.15 && random.nextDouble() < 0.05) {
          interactions.add(Interaction.of(viewer.id(), other.id(), InteractionType.BLOCK, at, key + ":b"));
        }
      }
    }
    return List.copyOf(interactions);
  }
}
