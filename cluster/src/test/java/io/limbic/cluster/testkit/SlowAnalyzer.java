package io.limbic.cluster.testkit;

import io.limbic.analytics.matching.analysis.AnalysisInput;
import io.limbic.analytics.matching.analysis.Analyzer;
import io.limbic.analytics.matching.analysis.CandidatePool;
import io.limbic.analytics.matching.analysis.DeepAnalysis;
import io.limbic.analytics.matching.analysis.LightSummary;
import io.limbic.analytics.matching.analysis.StatisticalAnalyzer;
import io.limbic.analytics.matching.preference.PreferenceModel;
import java.util.concurrent.CancellationException;

/**
 * The statistical analyzer, made slow (system property {@code limbic.test.phase-delay}, ms) so that a test can act
 * while a phase is running. The pause is interruptible, like any long analysis must be.
 */
public final class SlowAnalyzer implements Analyzer {
  private final Analyzer real = new StatisticalAnalyzer();
  private final long delayMs = Long.getLong("limbic.test.phase-delay", 1000);

  private void pause() {
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("halted");
    }
  }

  @Override
  public LightSummary summarize(AnalysisInput input) {
    pause();
    return real.summarize(input);
  }

  @Override
  public PreferenceModel learn(AnalysisInput input) {
    pause();
    return real.learn(input);
  }

  @Override
  public DeepAnalysis refine(AnalysisInput input, PreferenceModel learned, CandidatePool pool, int n) {
    pause();
    return real.refine(input, learned, pool, n);
  }
}
