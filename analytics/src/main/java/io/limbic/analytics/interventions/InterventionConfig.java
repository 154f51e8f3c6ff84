package io.limbic.analytics.interventions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's interventions: contexts in priority order (the first that matches an emotion decides), the product
 * event types that count as success and as failure, how long after an exposure an outcome is attributed to it, the
 * share of matching users held out, the burn-in (equal traffic until every variant of a context has that many
 * exposures) and the traffic floor each variant keeps after it.
 */
public record InterventionConfig(
    List<InterventionContext> contexts, String successEvent, String failureEvent, Duration attributionWindow,
    double holdout, int burnIn, double floor) {
  public static final String DEFAULT_SUCCESS_EVENT = "purchase";
  public static final String DEFAULT_FAILURE_EVENT = "churn";
  public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofHours(24);
  public static final double DEFAULT_HOLDOUT = 0.1;
  public static final int DEFAULT_BURN_IN = 100;
  public static final double DEFAULT_FLOOR = 0.01;
  public static final int MAX_CONTEXTS = 50;
  public static final int MAX_VARIANTS = 20;
  public static final Duration MAX_ATTRIBUTION_WINDOW = Duration.ofDays(90);
  public static final Set<String> EMOTIONS =
      Set.of("rage", "frustration", "confusion", "hesitation", "engagement", "calm");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public InterventionConfig {
    contexts = contexts == null ? List.of() : List.copyOf(contexts);
  }

  /** No contexts: nothing is ever decided. What a tenant that never configured interventions has. */
  public static InterventionConfig empty() {
    return new InterventionConfig(List.of(), DEFAULT_SUCCESS_EVENT, DEFAULT_FAILURE_EVENT,
        DEFAULT_ATTRIBUTION_WINDOW, DEFAULT_HOLDOUT, DEFAULT_BURN_IN, DEFAULT_FLOOR);
  }

  public Optional<InterventionContext> context(String id) {
    return contexts.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The first context that matches, in the configured order. */
  public Optional<InterventionContext> firstMatch(EmotionMoment moment) {
    return contexts.stream().filter(c -> c.matches(moment)).findFirst();
  }

  /** Everything wrong with this config, each as "field: what is wrong"; empty when it is valid. */
  public List<String> errors() {
    List<String> errors = new ArrayList<>();
    if (contexts.size() > MAX_CONTEXTS) errors.add("contexts: at most " + MAX_CONTEXTS);
    Set<String> contextIds = new HashSet<>();
    for (int i = 0; i < contexts.size(); i++) {
      InterventionContext c = contexts.get(i);
      String at = "contexts[" + i + "]";
      if (c.id() == null || !ID.matcher(c.id()).matches()) errors.add(at + ".id: 1..64 of [A-Za-z0-9._-]");
      else if (!contextIds.add(c.id())) errors.add(at + ".id: '" + c.id() + "' is used twice");
      if (c.emotion() == null || !EMOTIONS.contains(c.emotion())) errors.add(at + ".emotion: one of " + sorted(EMOTIONS));
      if (c.page() != null && (c.page().isBlank() || c.page().length() > 512)) {
        errors.add(at + ".page: a non-blank pattern of at most 512 characters");
      }
      if (!(c.minConfidence() >= 0 && c.minConfidence() <= 1)) errors.add(at + ".minConfidence: within [0, 1]");
      if (!(c.minLifetimeValue() >= 0) || Double.isInfinite(c.minLifetimeValue())) {
        errors.add(at + ".minLifetimeValue: a finite number >= 0");
      }
      variantErrors(at, c.variants(), errors);
    }
    if (successEvent == null || !EVENT_TYPE.matcher(successEvent).matches()) {
      errors.add("successEvent: a product event type, 1..64 of [A-Za-z0-9._-]");
    }
    if (failureEvent == null || !EVENT_TYPE.matcher(failureEvent).matches()) {
      errors.add("failureEvent: a product event type, 1..64 of [A-Za-z0-9._-]");
    } else if (failureEvent.equals(successEvent)) {
      errors.add("failureEvent: must differ from successEvent");
    }
    if (attributionWindow == null || attributionWindow.isNegative() || attributionWindow.isZero()
        || attributionWindow.compareTo(MAX_ATTRIBUTION_WINDOW) > 0) {
      errors.add("attributionWindow: an ISO-8601 duration above zero and at most P90D");
    }
    if (!(holdout >= 0 && holdout < 1)) errors.add("holdout: within [0, 1)");
    if (burnIn < 0 || burnIn > 1_000_000) errors.add("burnIn: an integer within [0, 1000000]");
    if (!(floor >= 0 && floor <= 1)) {
      errors.add("floor: within [0, 1]");
    } else {
      int most = contexts.stream().mapToInt(c -> c.variants().size()).max().orElse(0);
      if (most * floor > 1) errors.add("floor: " + most + " variants x floor " + floor + " exceeds all traffic");
    }
    return errors;
  }

  private static void variantErrors(String at, List<Variant> variants, List<String> errors) {
    if (variants.isEmpty()) errors.add(at + ".variants: at least one");
    if (variants.size() > MAX_VARIANTS) errors.add(at + ".variants: at most " + MAX_VARIANTS);
    Set<String> ids = new HashSet<>();
    for (int j = 0; j < variants.size(); j++) {
      Variant v = variants.get(j);
      String vat = at + ".variants[" + j + "]";
      if (v.id() == null || !ID.matcher(v.id()).matches()) errors.add(vat + ".id: 1..64 of [A-Za-z0-9._-]");
      else if (v.id().equals(Decision.HOLDOUT)) errors.add(vat + ".id: '" + Decision.HOLDOUT + "' is reserved");
      else if (!ids.add(v.id())) errors.add(vat + ".id: '" + v.id() + "' is used twice");
      if (!Variant.IN_PAGE.equals(v.channel()) && !Variant.WEBHOOK.equals(v.channel())) {
        errors.add(vat + ".channel: \"in-page\" or \"webhook\"");
      }
      if (v.isWebhook() && (v.url() == null || !(v.url().startsWith("https://") || v.url().startsWith("http://")))) {
        errors.add(vat + ".url: an http(s) URL, required for a webhook variant");
      }
      if (!v.isWebhook() && v.url() != null) errors.add(vat + ".url: only for a webhook variant");
      if (v.payload() == null) errors.add(vat + ".payload: required (a JSON object)");
      else if (v.payload().length() > 16 * 1024) errors.add(vat + ".payload: at most 16 KiB of JSON");
      if (!(v.cost() >= 0) || Double.isInfinite(v.cost())) errors.add(vat + ".cost: a finite number >= 0");
    }
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
