package io.limbic.analytics.forensics;

import java.util.List;

/**
 * Saves expected over the next quarter (13 weeks) from the weekly saves so far, by a least-squares line through
 * them: the projection is the sum of the line over weeks n .. n+12, its 95 % interval a prediction interval for
 * that sum (parameter uncertainty plus 13 weeks of residual noise, normal quantile). With fewer than three weeks no
 * trend is fitted: the mean week times 13, with an interval only once there are two weeks. A negative projection is
 * reported as it is: it says the variant is losing saves.
 */
public final class QuarterlyProjection {
  public static final int WEEKS = 13;

  private QuarterlyProjection() {}

  public static Interval of(List<Double> weeklySaves) {
    int n = weeklySaves.size();
    if (n == 0) return Interval.unknown(0);
    double mean = weeklySaves.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    if (n < 3) {
      if (n == 1) return Interval.unknown(mean * WEEKS);
      double s2 = 0;
      for (double y : weeklySaves) s2 += (y - mean) * (y - mean);
      double sd = Math.sqrt(s2 / (n - 1));
      double half = Proportions.Z95 * sd * Math.sqrt(WEEKS + (double) WEEKS * WEEKS / n);
      return new Interval(mean * WEEKS, mean * WEEKS - half, mean * WEEKS + half);
    }
    double xMean = (n - 1) / 2.0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (i - xMean) * (i - xMean);
      sxy += (i - xMean) * (weeklySaves.get(i) - mean);
    }
    double slope = sxy / sxx;
    double intercept = mean - slope * xMean;
    double rss = 0;
    for (int i = 0; i < n; i++) {
      double r = weeklySaves.get(i) - (intercept + slope * i);
      rss += r * r;
    }
    double sigma2 = rss / (n - 2);
    // Sum over future weeks x = n .. n+12 of (a + b x) = 13 a + b * sum(x); its variance uses Var(a + b xBar').
    double futureMeanX = n + (WEEKS - 1) / 2.0;
    double projection = WEEKS * (intercept + slope * futureMeanX);
    double parameterVar = WEEKS * WEEKS * sigma2 * (1.0 / n + sq(futureMeanX - xMean) / sxx);
    double half = Proportions.Z95 * Math.sqrt(parameterVar + WEEKS * sigma2);
    return new Interval(projection, projection - half, projection + half);
  }

  private static double sq(double x) {
    return x * x;
  }
}
