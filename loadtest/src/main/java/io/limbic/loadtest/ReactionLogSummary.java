package io.limbic.loadtest;

import java.io.File;
import java.io.FileNotFoundException;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The node's reaction-time log (limbic.projections.reaction-log): per read model, the interval histograms whose
 * interval ended within [from, to] (epoch milliseconds), added up.
 */
final class ReactionLogSummary {
  private ReactionLogSummary() {}

  static Map<String, Histogram> read(String path, long fromMillis, long toMillis) throws FileNotFoundException {
    Map<String, Histogram> sums = new TreeMap<>();
    HistogramLogReader reader = new HistogramLogReader(new File(path));
    EncodableHistogram next;
    while ((next = reader.nextIntervalHistogram()) != null) {
      if (!(next instanceof Histogram interval)) continue;
      long end = interval.getEndTimeStamp();
      if (end < fromMillis || end > toMillis) continue;
      sums.computeIfAbsent(interval.getTag(), tag -> new Histogram(3_600_000L, 3)).add(interval);
    }
    return sums;
  }
}
