package io.limbic.analytics.forensics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily emotion weather report: the share of readings and of session time per state, the pages with the most
 * rage and frustration, and the day's volatility index against the previous day's, in a sentence and in numbers.
 */
public final class EmotionWeather {
  /** A page by its rage and frustration readings that day, and what share of its readings they were. */
  public record StormyPage(String page, long rageOrFrustration, long readings, double share) {}

  public record Report(
      LocalDate date, long readings, Map<String, Double> readingShare, Map<String, Double> timeShare,
      double sessionHours, List<StormyPage> stormiestPages, double evi, double previousEvi, double eviChange,
      String summary) {}

  public static final int TOP_PAGES = 5;

  private EmotionWeather() {}

  /**
   * @param readings the day's emotion readings
   * @param timeByState the day's session time per state, in milliseconds
   * @param today the day's volatility totals over every page; {@code yesterday} the previous day's
   */
  public static Report of(LocalDate date, List<EmotionReading> readings, Map<String, Long> timeByState,
      EmotionVolatility.Totals today, EmotionVolatility.Totals yesterday) {
    Map<String, Long> perState = new TreeMap<>();
    Map<String, long[]> perPage = new HashMap<>();
    for (EmotionReading r : readings) {
      perState.merge(r.state(), 1L, Long::sum);
      long[] p = perPage.computeIfAbsent(r.page(), k -> new long[2]);
      p[1]++;
      if (r.state().equals("rage") || r.state().equals("frustration")) p[0]++;
    }
    List<StormyPage> stormy = new ArrayList<>();
    perPage.forEach((page, p) -> {
      if (p[0] > 0) stormy.add(new StormyPage(page, p[0], p[1], (double) p[0] / p[1]));
    });
    stormy.sort(Comparator.comparingLong(StormyPage::rageOrFrustration).reversed()
        .thenComparing(Comparator.comparingDouble(StormyPage::share).reversed()).thenComparing(StormyPage::page));
    List<StormyPage> top = List.copyOf(stormy.subList(0, Math.min(TOP_PAGES, stormy.size())));
    Map<String, Double> readingShare = shares(perState);
    Map<String, Double> timeShare = shares(new TreeMap<>(timeByState));
    double evi = today.index();
    double previous = yesterday.index();
    double change = evi - previous;
    return new Report(date, readings.size(), readingShare, timeShare, today.sessionHours(), top, evi, previous, change,
        summary(readings.size(), readingShare, timeShare, top, evi, previous, change));
  }

  private static Map<String, Double> shares(Map<String, Long> counts) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> shares = new TreeMap<>();
    if (total > 0) counts.forEach((k, v) -> shares.put(k, (double) v / total));
    return shares;
  }

  private static String summary(long readings, Map<String, Double> readingShare, Map<String, Double> timeShare,
      List<StormyPage> top, double evi, double previous, double change) {
    if (readings == 0 && timeShare.isEmpty()) return "No emotion readings that day.";
    StringBuilder s = new StringBuilder();
    Map<String, Double> basis = timeShare.isEmpty() ? readingShare : timeShare;
    Map.Entry<String, Double> main = basis.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    s.append(String.format(Locale.ROOT, "Mostly %s (%.0f %% of %s).", main.getKey(), 100 * main.getValue(),
        timeShare.isEmpty() ? "readings" : "session time"));
    double storm = readingShare.getOrDefault("rage", 0.0) + readingShare.getOrDefault("frustration", 0.0);
    s.append(String.format(Locale.ROOT, " Rage or frustration in %.0f %% of %d readings.", 100 * storm, readings));
    if (!top.isEmpty()) {
      StormyPage p = top.get(0);
      s.append(String.format(Locale.ROOT, " Stormiest page: %s (%d of its %d readings).", p.page(),
          p.rageOrFrustration(), p.readings()));
    }
    if (Double.isNaN(evi)) {
      s.append(" No session time to measure volatility.");
    } else if (Double.isNaN(previous)) {
      s.append(String.format(Locale.ROOT, " Volatility %.0f of 100 (no figure for the day before).", evi));
    } else {
      String direction = Math.abs(change) < 0.5 ? "unchanged from" : change > 0 ? "up from" : "down from";
      s.append(String.format(Locale.ROOT, " Volatility %.0f of 100, %s %.0f the day before.", evi, direction,
          previous));
    }
    return s.toString();
  }
}
