package io.limbic.analytics.matching.preference;

import io.limbic.analytics.matching.AgeBand;
import io.limbic.analytics.matching.Attribute;
import io.limbic.analytics.matching.DistanceBand;
import io.limbic.analytics.matching.Profile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Learns a user's implicit preferences from the people they responded to (RECON-style: the distribution of
 * attribute values among those people), as a Dirichlet posterior per attribute.
 *
 * <p>Per value v: count(v) = prior(v) + decayed evidence(v), floored at 0, where evidence weighs each interaction by
 * its type and by 2^(-age / halfLife). The published weight is (smoothing + count(v)) / (smoothing + max count),
 * i.e. the posterior mean relative to the favourite value, which does not depend on how many values the tenant's
 * vocabulary has. Confidence = mass / (mass + confidenceHalfEvidence) with mass = prior + positive evidence, so it
 * grows with evidence and falls again as evidence ages. Negative evidence lowers counts but adds no confidence:
 * knowing what someone avoids says little about what they seek.
 */
public final class PreferenceLearner {

  /** Prior over distance bands before any evidence: meeting is easier nearby. */
  private static final double[] NEARBY_PRIOR = {1.0, 0.8, 0.5, 0.25, 0.1};

  private final LearningSettings settings;

  public PreferenceLearner(LearningSettings settings) {
    List<String> errors = settings.validate();
    if (!errors.isEmpty()) throw new IllegalArgumentException(String.join("; ", errors));
    this.settings = settings;
  }

  public PreferenceModel learn(
      String userId, Profile self, List<Evidence> evidence, Function<String, Profile> profileOf, Instant now) {
    int year = now.atOffset(ZoneOffset.UTC).getYear();
    Map<Attribute, Tally> tallies = new EnumMap<>(Attribute.class);
    for (Attribute attribute : Attribute.values()) tallies.put(attribute, new Tally());
    addPriors(self, year, tallies);
    int used = 0;
    double halfLifeS = settings.halfLife().toMillis() / 1000.0;
    for (Evidence e : evidence) {
      Profile target = profileOf.apply(e.targetUserId());
      if (target == null) continue;
      // Whole seconds: toMillis() overflows for times centuries away, which old journals may hold.
      double ageS = Math.max(0, Duration.between(e.at(), now).getSeconds());
      double weight = e.weight() * Math.pow(0.5, ageS / halfLifeS);
      addPerson(self, target, year, weight, tallies);
      used++;
    }
    Map<Attribute, AttributePreference> attributes = new EnumMap<>(Attribute.class);
    tallies.forEach((attribute, tally) -> attributes.put(attribute, tally.toPreference(attribute)));
    return new PreferenceModel(userId, now, attributes, used);
  }

  private void addPriors(Profile self, int year, Map<Attribute, Tally> tallies) {
    double stated = settings.statedPriorStrength();
    double homophily = settings.homophilyPriorStrength();
    for (String sought : self.seeking()) {
      if (sought != null && !sought.isEmpty()) tallies.get(Attribute.GENDER).prior(sought, stated);
    }
    int ownBand = AgeBand.of(self.birthYear(), year);
    if (ownBand != AgeBand.UNKNOWN) {
      addOrdinal(tallies.get(Attribute.AGE_BAND), ownBand, AgeBand.COUNT, homophily, true);
    }
    addSplit(tallies.get(Attribute.INTEREST), self.interests(), homophily, true);
    addSplit(tallies.get(Attribute.LANGUAGE), self.languages(), homophily, true);
    if (self.location() != null && self.location().isValid()) {
      for (int band = 0; band < DistanceBand.COUNT; band++) {
        tallies.get(Attribute.DISTANCE_BAND).prior(DistanceBand.label(band), homophily * NEARBY_PRIOR[band]);
      }
    }
  }

  private void addPerson(Profile self, Profile target, int year, double weight, Map<Attribute, Tally> tallies) {
    int band = AgeBand.of(target.birthYear(), year);
    if (band != AgeBand.UNKNOWN) addOrdinal(tallies.get(Attribute.AGE_BAND), band, AgeBand.COUNT, weight, false);
    if (target.gender() != null) tallies.get(Attribute.GENDER).observe(target.gender(), weight, weight);
    addSplit(tallies.get(Attribute.INTEREST), target.interests(), weight, false);
    addSplit(tallies.get(Attribute.LANGUAGE), target.languages(), weight, false);
    if (self.location() != null && self.location().isValid()
        && target.location() != null && target.location().isValid()) {
      int distance = DistanceBand.of(self.location().distanceKm(target.location()));
      addOrdinal(tallies.get(Attribute.DISTANCE_BAND), distance, DistanceBand.COUNT, weight, false);
    }
  }

  private void addOrdinal(Tally tally, int band, int count, double weight, boolean prior) {
    boolean age = count == AgeBand.COUNT;
    for (int b = Math.max(0, band - 1); b <= Math.min(count - 1, band + 1); b++) {
      double share = b == band ? weight : weight * settings.neighbourShare();
      String label = age ? AgeBand.label(b) : DistanceBand.label(b);
      if (prior) tally.prior(label, share);
      else tally.observe(label, share, b == band ? weight : 0);
    }
  }

  private static void addSplit(Tally tally, Collection<String> values, double weight, boolean prior) {
    long usable = values.stream().filter(v -> v != null && !v.isEmpty()).count();
    if (usable == 0) return;
    double share = weight / usable;
    boolean first = true;
    for (String value : values) {
      if (value == null || value.isEmpty()) continue;
      if (prior) tally.prior(value, share);
      else tally.observe(value, share, first ? weight : 0);
      first = false;
    }
  }

  /** Running sums for one attribute; mutable, lives only inside one call to learn. */
  private final class Tally {
    private final Map<String, Double> prior = new HashMap<>();
    private final Map<String, Double> evidence = new HashMap<>();
    private double priorMass;
    private double positiveMass;

    void prior(String value, double amount) {
      prior.merge(value, amount, Double::sum);
      priorMass += amount;
    }

    /** {@code personWeight} is counted once per person so a split over values does not inflate the mass. */
    void observe(String value, double amount, double personWeight) {
      evidence.merge(value, amount, Double::sum);
      if (personWeight > 0) positiveMass += personWeight;
    }

    AttributePreference toPreference(Attribute attribute) {
      Map<String, Double> counts = new HashMap<>();
      if (attribute == Attribute.AGE_BAND) {
        for (int b = 0; b < AgeBand.COUNT; b++) counts.put(AgeBand.label(b), 0.0);
      } else if (attribute == Attribute.DISTANCE_BAND) {
        for (int b = 0; b < DistanceBand.COUNT; b++) counts.put(DistanceBand.label(b), 0.0);
      }
      prior.forEach((value, amount) -> counts.merge(value, amount, Double::sum));
      evidence.forEach((value, amount) -> counts.merge(value, amount, Double::sum));
      double max = 0;
      for (Map.Entry<String, Double> entry : counts.entrySet()) {
        entry.setValue(Math.max(0, entry.getValue()));
        max = Math.max(max, entry.getValue());
      }
      double smoothing = settings.smoothing();
      Map<String, Double> weights = new HashMap<>();
      for (Map.Entry<String, Double> entry : counts.entrySet()) {
        weights.put(entry.getKey(), (smoothing + entry.getValue()) / (smoothing + max));
      }
      double mass = priorMass + positiveMass;
      double confidence = mass / (mass + settings.confidenceHalfEvidence());
      return new AttributePreference(weights, smoothing / (smoothing + max), positiveMass, priorMass, confidence);
    }
  }
}
