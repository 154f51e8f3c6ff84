package io.limbic.analytics.session.realdata;

import io.limbic.analytics.session.telemetry.TelemetrySample;
import java.util.List;
import java.util.Map;

/**
 * One recorded session of a real person, as the samples our SDK would have sent.
 *
 * @param dataset which public data set it comes from
 * @param person the participant, so intervals can resample people rather than sessions
 * @param condition the label the data set gives the session (stress condition, activity, ...), or "" if none
 * @param covariates numeric labels of the session (injected delay, quality rating, ...)
 */
public record Recording(
    String dataset, String person, String condition, Map<String, Double> covariates, List<TelemetrySample> samples) {

  public Recording {
    covariates = Map.copyOf(covariates);
    samples = List.copyOf(samples);
  }

  public long durationMs() {
    return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).t() - samples.get(0).t();
  }
}
