package io.limbic.analytics.matching.preference;

import io.limbic.analytics.matching.Attribute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a user is learned to want, per attribute. A plain record so the user entity can persist it as a phase
 * result and the API can show it as is (attribute -> value -> weight, with evidence and confidence).
 */
public record PreferenceModel(
    String userId, Instant learnedAt, Map<Attribute, AttributePreference> attributes, int evidenceUsed) {

  public PreferenceModel {
    EnumMap<Attribute, AttributePreference> complete = new EnumMap<>(Attribute.class);
    for (Attribute attribute : Attribute.values()) {
      complete.put(attribute, attributes.getOrDefault(attribute, AttributePreference.none()));
    }
    attributes = Map.copyOf(complete);
  }

  /** A model that knows nothing: every score is neutral. */
  public static PreferenceModel none(String userId, Instant at) {
    return new PreferenceModel(userId, at, Map.of(), 0);
  }

  public AttributePreference of(Attribute attribute) {
    return attributes.get(attribute);
  }

  /** One line per attribute, strongest values first, e.g. {@code GENDER (evidence 7.2, confidence 0.66): f=1.00}. */
  public List<String> describe(int valuesPerAttribute) {
    List<String> lines = new ArrayList<>();
    for (Attribute attribute : Attribute.values()) {
      AttributePreference preference = attributes.get(attribute);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
          "%s (evidence %.1f, prior %.1f, confidence %.2f):",
          attribute, preference.evidence(), preference.priorMass(), preference.confidence()));
      preference.weights().entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
              .thenComparing(Map.Entry.comparingByKey()))
          .limit(valuesPerAttribute)
          .forEach(e -> line.append(String.format(Locale.ROOT, " %s=%.2f", e.getKey(), e.getValue())));
      lines.add(line.toString());
    }
    return lines;
  }
}
