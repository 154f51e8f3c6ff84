package io.limbic.analytics.kpi.curiosity;

import io.limbic.analytics.kpi.lift.Effect;

/**
 * A concrete hypothesis from a template: what it says in words, about which KPI and which subject (a signal, an
 * emotion, a variant, a weekday, another KPI), at which lag, in which segment, and the test that estimates its effect
 * (throws {@link IllegalArgumentException} when the data cannot answer it: a series that never varies).
 */
public record Hypothesis(String template, String statement, String segment, String kpi, String subject, int lag,
    EffectTest test) {

  @FunctionalInterface
  public interface EffectTest {
    Effect run();
  }
}
