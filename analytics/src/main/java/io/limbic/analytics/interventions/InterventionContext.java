package io.limbic.analytics.interventions;

import java.util.List;

/**
 * When to intervene and how: an emotion, optionally on a page or section (a {@link PagePattern} glob), at or above
 * a confidence, for users worth at least {@code minLifetimeValue}; each exposure picks one of {@code variants}.
 */
public record InterventionContext(
    String id, String emotion, String page, double minConfidence, double minLifetimeValue, List<Variant> variants) {
  public static final double DEFAULT_MIN_CONFIDENCE = 0.0;
  public static final double DEFAULT_MIN_LIFETIME_VALUE = 0.0;

  public InterventionContext {
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  public boolean matches(EmotionMoment moment) {
    if (!emotion.equals(moment.emotion())) return false;
    if (moment.confidence() < minConfidence) return false;
    if (moment.lifetimeValue() < minLifetimeValue) return false;
    return page == null || PagePattern.of(page).matches(moment.url(), moment.section());
  }

  public Variant variant(String variantId) {
    return variants.stream().filter(v -> v.id().equals(variantId)).findFirst().orElse(null);
  }

  public List<String> variantIds() {
    return variants.stream().map(Variant::id).toList();
  }
}
