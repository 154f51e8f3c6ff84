package io.limbic.analytics.interventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterventionConfigTest {
  private static Variant offer() {
    return new Variant("offer", Variant.IN_PAGE, null, "{\"message\":\"10 % off\"}", 2);
  }

  @Test
  void aConfigWithDefaultsIsValid() {
    InterventionConfig config = new InterventionConfig(
        List.of(new InterventionContext("c", "rage", null, 0, 0, List.of(offer()))),
        InterventionConfig.DEFAULT_SUCCESS_EVENT, InterventionConfig.DEFAULT_FAILURE_EVENT,
        InterventionConfig.DEFAULT_ATTRIBUTION_WINDOW, 0.1, 100, 0.01);
    assertEquals(List.of(), config.errors());
  }

  @Test
  void everyProblemIsListed() {
    Variant hook = new Variant("offer", Variant.WEBHOOK, null, null, -1);
    InterventionConfig config = new InterventionConfig(
        List.of(new InterventionContext("c", "anger", null, 1.5, -1, List.of(offer(), hook)),
            new InterventionContext("c", "rage", null, 0, 0, List.of())),
        "purchase", "purchase", Duration.ZERO, 1.0, -1, 0.6);
    List<String> errors = config.errors();
    for (String expected : List.of("contexts[0].emotion", "contexts[0].minConfidence", "contexts[0].minLifetimeValue",
        "contexts[0].variants[1].id", "contexts[0].variants[1].url", "contexts[0].variants[1].payload",
        "contexts[0].variants[1].cost", "contexts[1].id", "contexts[1].variants", "failureEvent",
        "attributionWindow", "holdout", "burnIn", "floor")) {
      assertTrue(errors.stream().anyMatch(e -> e.startsWith(expected + ":")), expected + " in " + errors);
    }
  }
}
