package io.limbic.analytics.kpi.curiosity;

import io.limbic.analytics.kpi.KpiPanel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What hypotheses are instantiated over: one segment's KPIs (NaN where missing) and labelled signals (the panel's
 * controls: campaigns, holidays, interventions sent by variant, product events marked as signals), one value per
 * period. Templates find series by the documented KPI names ({@code conversions}, {@code emotions.<state>},
 * {@code interventions.<variant>}, ...).
 */
public record SeriesSet(String segment, List<Instant> periods, Map<String, double[]> kpis,
    Map<String, double[]> signals) {
  public static final String EMOTIONS = "emotions.";
  public static final String INTERVENTIONS = "interventions.";

  public SeriesSet {
    periods = List.copyOf(periods);
    kpis = Map.copyOf(new LinkedHashMap<>(kpis));
    signals = Map.copyOf(new LinkedHashMap<>(signals));
  }

  public static SeriesSet of(String segment, KpiPanel panel) {
    Map<String, double[]> kpis = new LinkedHashMap<>();
    for (int i = 0; i < panel.kpis().size(); i++) {
      double[] column = new double[panel.length()];
      for (int t = 0; t < column.length; t++) column[t] = panel.y()[t][i];
      kpis.put(panel.kpis().get(i), column);
    }
    Map<String, double[]> signals = new LinkedHashMap<>();
    for (int j = 0; j < panel.controls().size(); j++) {
      double[] column = new double[panel.length()];
      for (int t = 0; t < column.length; t++) column[t] = panel.u()[t][j];
      signals.put(panel.controls().get(j), column);
    }
    return new SeriesSet(segment, panel.periods(), kpis, signals);
  }

  /** A KPI or signal by name; null when there is none. */
  public double[] series(String name) {
    double[] kpi = kpis.get(name);
    return kpi != null ? kpi : signals.get(name);
  }

  /** Outcome KPIs: every KPI that is not an emotion or an intervention count, sorted. */
  public List<String> outcomes() {
    return kpis.keySet().stream().filter(k -> !k.startsWith(EMOTIONS) && !k.startsWith(INTERVENTIONS)).sorted()
        .toList();
  }

  /** Signals, sorted. */
  public List<String> signalNames() {
    return signals.keySet().stream().sorted().toList();
  }

  /** Emotion series: per state ({@code emotions.<state>}) or, with {@code perPage}, {@code emotions.<state>@<page>}. */
  public List<String> emotions(boolean perPage) {
    return kpis.keySet().stream().filter(k -> k.startsWith(EMOTIONS) && k.contains("@") == perPage).sorted().toList();
  }

  /** Intervention-variant series, from KPIs or signals. */
  public List<String> variants() {
    return Stream.concat(kpis.keySet().stream(), signals.keySet().stream())
        .filter(k -> k.startsWith(INTERVENTIONS)).distinct().sorted().toList();
  }

  public int length() {
    return periods.size();
  }
}
