package io.limbic.analytics.interventions;

import java.util.random.RandomGenerator;

/** Draws from Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (Marsaglia and Tsang, 2000). */
public final class BetaSampler {
  private BetaSampler() {}

  public static double sample(double a, double b, RandomGenerator random) {
    double x = gamma(a, random);
    double y = gamma(b, random);
    return x / (x + y);
  }

  static double gamma(double shape, RandomGenerator random) {
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
      return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}
