package io.limbic.analytics.kpi.family;

import io.limbic.analytics.kpi.Progress;

/**
 * The Kalman filter of a one-state model x(t+1) = a x(t) + drive(t) + w, w ~ N(0, q), y(t) = x(t) + offset(t) + v,
 * v ~ N(0, r), with a diffuse start done exactly: the first observed period sets x = y - offset with variance r and
 * adds nothing to the log-likelihood (the diffuse log-likelihood of Durbin and Koopman, section 5.2, for one state).
 * NaN observations are skipped. Used on every candidate parameter while fitting, so it is plain arrays.
 */
final class ScalarKalman {
  /** Log-likelihood of the counted periods, their number, one-step forecasts (NaN where not counted) and x(n+1|n). */
  record Pass(double logLikelihood, int counted, double[] oneStep, double nextMean, double nextVariance) {}

  /** Maximum-likelihood noise variances for fixed dynamics, and the filter pass at them. */
  record Noise(double q, double r, Pass pass) {}

  private static final double LOG_RATIO_MIN = Math.log(1e-6);
  private static final double LOG_RATIO_MAX = Math.log(1e4);

  private ScalarKalman() {}

  /**
   * The variances by concentrated likelihood (Durbin and Koopman, section 2.10): with the ratio rho = q / r fixed,
   * every variance the filter computes scales with r, so r has the closed form mean(e^2 / F) from a pass at r = 1;
   * the remaining one-parameter likelihood is maximised over log rho in [log 1e-6, log 1e4] by grid and
   * golden-section.
   */
  static Noise fitNoise(double a, double[] y, double[] drive, double[] offset, Progress progress) {
    ProfileSearch.Optimum best = ProfileSearch.maximise(
        logRatio -> atRatio(a, Math.exp(logRatio), y, drive, offset).pass().logLikelihood(),
        LOG_RATIO_MIN, LOG_RATIO_MAX, 20, 1e-6, 80, progress);
    return atRatio(a, Math.exp(best.argument()), y, drive, offset);
  }

  private static Noise atRatio(double a, double ratio, double[] y, double[] drive, double[] offset) {
    Standardised unit = standardised(a, ratio, y, drive, offset);
    double r = Math.max(unit.meanSquare(), 1e-300);
    return new Noise(ratio * r, r, run(a, ratio * r, r, y, drive, offset));
  }

  private record Standardised(double meanSquare) {}

  private static Standardised standardised(double a, double ratio, double[] y, double[] drive, double[] offset) {
    double x = 0;
    double p = Double.POSITIVE_INFINITY;
    double sum = 0;
    int n = 0;
    for (int t = 0; t < y.length; t++) {
      double off = offset == null ? 0 : offset[t];
      if (!Double.isNaN(y[t])) {
        if (Double.isInfinite(p)) {
          x = y[t] - off;
          p = 1;
        } else {
          double f = p + 1;
          double e = y[t] - x - off;
          sum += e * e / f;
          n++;
          x += p / f * e;
          p = p / f;
        }
      }
      if (!Double.isInfinite(p)) {
        x = a * x + (drive == null ? 0 : drive[t]);
        p = a * a * p + ratio;
      }
    }
    return new Standardised(n == 0 ? 0 : sum / n);
  }

  static Pass run(double a, double q, double r, double[] y, double[] drive, double[] offset) {
    double x = 0;
    double p = Double.POSITIVE_INFINITY;
    double logL = 0;
    int counted = 0;
    double[] oneStep = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      oneStep[t] = Double.NaN;
      double off = offset == null ? 0 : offset[t];
      if (!Double.isNaN(y[t])) {
        if (Double.isInfinite(p)) {
          x = y[t] - off;
          p = r;
        } else {
          double predicted = x + off;
          double f = p + r;
          double e = y[t] - predicted;
          logL += -0.5 * (Math.log(2 * Math.PI * f) + e * e / f);
          counted++;
          oneStep[t] = predicted;
          double gain = p / f;
          x += gain * e;
          p = p * r / f;
        }
      }
      if (!Double.isInfinite(p)) {
        x = a * x + (drive == null ? 0 : drive[t]);
        p = a * a * p + q;
      }
    }
    return new Pass(logL, counted, oneStep, x, p);
  }
}
