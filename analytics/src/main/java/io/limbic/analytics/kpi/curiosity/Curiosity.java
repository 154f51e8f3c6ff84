package io.limbic.analytics.kpi.curiosity;

import io.limbic.analytics.kpi.Progress;
import io.limbic.analytics.kpi.lift.Effect;
import java.util.ArrayList;
import java.util.List;

/**
 * One curiosity run: every template instantiated over every segment's series, each hypothesis tested, and
 * Benjamini-Hochberg applied once over all the hypotheses tested in the run (one family), so the expected share of
 * false discoveries among the run's discoveries stays at most {@code fdr}. Hypotheses the data cannot answer (a
 * series that never varies, too few periods) are counted as skipped and take no part in the correction.
 */
public final class Curiosity {
  public record Report(List<Finding> findings, int tested, int skipped, double fdr) {
    public Report {
      findings = List.copyOf(findings);
    }

    public List<Finding> discoveries() {
      return findings.stream().filter(Finding::discovery).toList();
    }
  }

  private Curiosity() {}

  public static Report run(List<SeriesSet> segments, List<HypothesisTemplate> templates, double fdr,
      Progress progress) {
    if (!(fdr > 0 && fdr < 1)) throw new IllegalArgumentException("fdr must be in (0, 1)");
    List<Hypothesis> hypotheses = new ArrayList<>();
    for (SeriesSet s : segments) for (HypothesisTemplate t : templates) hypotheses.addAll(t.over(s));
    List<Hypothesis> tested = new ArrayList<>();
    List<Effect> effects = new ArrayList<>();
    int skipped = 0;
    for (int i = 0; i < hypotheses.size(); i++) {
      if (progress.cancelled()) throw new Progress.Cancelled();
      Hypothesis h = hypotheses.get(i);
      try {
        Effect e = h.test().run();
        if (Double.isNaN(e.pValue())) {
          skipped++;
        } else {
          tested.add(h);
          effects.add(e);
        }
      } catch (IllegalArgumentException cannotAnswer) {
        skipped++;
      }
      progress.report((i + 1.0) / hypotheses.size());
    }
    double[] p = effects.stream().mapToDouble(Effect::pValue).toArray();
    double[] q = BenjaminiHochberg.qValues(p);
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < tested.size(); i++) {
      Hypothesis h = tested.get(i);
      findings.add(new Finding(h.template(), h.statement(), h.segment(), h.kpi(), h.subject(), h.lag(),
          effects.get(i), q[i], q[i] <= fdr));
    }
    return new Report(findings, tested.size(), skipped, fdr);
  }
}
