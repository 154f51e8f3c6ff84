package io.limbic.analytics.session.evaluation;

import io.limbic.analytics.session.emotion.EmotionalState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures of one evaluation run over labelled traces, each trace classified once at its end.
 *
 * @param rageFalsePositiveRateAt85 share of calm and engaged traces read as rage with confidence >= 0.85
 * @param expectedCalibrationError Σ over confidence bins of (bin share) x |observed accuracy - mean confidence|
 */
public record EvaluationReport(
    int traces, double accuracy, List<StateFigures> states, List<CalibrationBin> calibration,
    double expectedCalibrationError, int calmOrEngagedTraces, int rageFalsePositivesAt85,
    double rageFalsePositiveRateAt85) {

  /** Precision, recall and false-positive rate of predicting one state (top state, any confidence). */
  public record StateFigures(
      EmotionalState state, int support, double precision, double recall, double falsePositiveRate) {}

  /** Traces whose top confidence fell in [from, to): their mean confidence and how often the top state was right. */
  public record CalibrationBin(double from, double to, int count, double meanConfidence, double observedAccuracy) {}

  /** One classified trace. */
  public record Outcome(EmotionalState truth, EmotionalState predicted, double confidence) {}

  public static EvaluationReport of(List<Outcome> outcomes, int bins) {
    List<StateFigures> states = new ArrayList<>();
    for (EmotionalState s : EmotionalState.values()) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      int tn = 0;
      for (Outcome o : outcomes) {
        boolean truth = o.truth() == s;
        boolean said = o.predicted() == s;
        if (truth && said) tp++;
        else if (said) fp++;
        else if (truth) fn++;
        else tn++;
      }
      states.add(new StateFigures(s, tp + fn, ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(fp, fp + tn)));
    }
    List<CalibrationBin> table = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      double from = (double) b / bins;
      double to = (double) (b + 1) / bins;
      int n = 0;
      int right = 0;
      double conf = 0;
      for (Outcome o : outcomes) {
        boolean in = o.confidence() >= from && (o.confidence() < to || (b == bins - 1 && o.confidence() <= 1));
        if (!in) continue;
        n++;
        conf += o.confidence();
        if (o.truth() == o.predicted()) right++;
      }
      if (n == 0) continue;
      table.add(new CalibrationBin(from, to, n, conf / n, (double) right / n));
      ece += (double) n / outcomes.size() * Math.abs((double) right / n - conf / n);
    }
    int correct = 0;
    int negatives = 0;
    int rageFp = 0;
    for (Outcome o : outcomes) {
      if (o.truth() == o.predicted()) correct++;
      if (o.truth() == EmotionalState.CALM || o.truth() == EmotionalState.ENGAGEMENT) {
        negatives++;
        if (o.predicted() == EmotionalState.RAGE && o.confidence() >= 0.85) rageFp++;
      }
    }
    return new EvaluationReport(outcomes.size(), ratio(correct, outcomes.size()), states, table, ece, negatives,
        rageFp, ratio(rageFp, negatives));
  }

  public String format() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "traces %d, accuracy %.3f%n", traces, accuracy));
    b.append(String.format(Locale.ROOT, "%-12s %7s %9s %7s %7s%n", "state", "support", "precision", "recall", "FPR"));
    for (StateFigures s : states) {
      b.append(String.format(Locale.ROOT, "%-12s %7d %9.3f %7.3f %7.4f%n", s.state().wireName(), s.support(),
          s.precision(), s.recall(), s.falsePositiveRate()));
    }
    b.append(String.format(Locale.ROOT, "calibration (top-state confidence vs observed accuracy)%n"));
    b.append(String.format(Locale.ROOT, "%-11s %6s %10s %9s%n", "bin", "count", "mean conf", "observed"));
    for (CalibrationBin c : calibration) {
      b.append(String.format(Locale.ROOT, "[%.1f, %.1f) %6d %10.3f %9.3f%n", c.from(), c.to(), c.count(),
          c.meanConfidence(), c.observedAccuracy()));
    }
    b.append(String.format(Locale.ROOT, "expected calibration error %.4f%n", expectedCalibrationError));
    b.append(String.format(Locale.ROOT, "rage at confidence >= 0.85 on calm+engaged: %d of %d (%.4f %%)%n",
        rageFalsePositivesAt85, calmOrEngagedTraces, 100 * rageFalsePositiveRateAt85));
    return b.toString();
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
