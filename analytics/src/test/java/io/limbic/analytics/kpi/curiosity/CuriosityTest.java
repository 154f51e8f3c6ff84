package io.limbic.analytics.kpi.curiosity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.analytics.kpi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CuriosityTest {
  static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
  static final List<String> OUTCOMES = List.of("sessions", "conversions", "revenue");

  static List<Instant> days(int n) {
    List<Instant> out = new ArrayList<>();
    for (int t = 0; t < n; t++) out.add(MONDAY.plus(Duration.ofDays(t)));
    return out;
  }

  /**
   * Independent daily KPIs (weekday pattern + unit noise) and iid 0/1 signals s00..s(k-1); signal s0i lifts
   * OUTCOMES[i] in the same period by {@code lift} for i < planted; nothing else has an effect.
   */
  static SeriesSet mix(long seed, int days, int signals, int planted, double lift) {
    Random random = new Random(seed);
    Map<String, double[]> s = new LinkedHashMap<>();
    for (int j = 0; j < signals; j++) {
      double[] x = new double[days];
      for (int t = 0; t < days; t++) x[t] = random.nextDouble() < 0.3 ? 1 : 0;
      s.put(String.format("s%02d", j), x);
    }
    Map<String, double[]> k = new LinkedHashMap<>();
    double[] weekday = {0, 0.5, 0.5, 0.3, 0.8, -1, -1.5};
    for (int i = 0; i < OUTCOMES.size(); i++) {
      double[] y = new double[days];
      double[] plantedSignal = i < planted ? s.get(String.format("s%02d", i)) : null;
      for (int t = 0; t < days; t++) {
        y[t] = 10 + weekday[t % 7] + random.nextGaussian() + (plantedSignal == null ? 0 : lift * plantedSignal[t]);
      }
      k.put(OUTCOMES.get(i), y);
    }
    return new SeriesSet("all", days(days), k, s);
  }

  static boolean planted(Finding f, int planted) {
    if (!f.template().equals("signal_lifts_kpi")) return false;
    int i = OUTCOMES.indexOf(f.kpi());
    return i < planted && f.subject().equals(String.format("s%02d", i));
  }

  @Test
  void realisedFdrStaysAtTheTargetAndPowerIsSensible() {
    List<HypothesisTemplate> templates =
        HypothesisLibrary.only(Set.of("signal_lifts_kpi", "signal_lifts_kpi_next_period"));
    int replications = 200;
    double fdr = 0.1;
    double sumFdp = 0;
    double sumFdp2 = 0;
    int trueFound = 0;
    for (int r = 0; r < replications; r++) {
      Curiosity.Report report = Curiosity.run(List.of(mix(r, 120, 12, 3, 1.0)), templates, fdr, Progress.NONE);
      assertEquals(72, report.tested());
      List<Finding> found = report.discoveries();
      long falseOnes = found.stream().filter(f -> !planted(f, 3)).count();
      trueFound += (int) (found.size() - falseOnes);
      double fdp = found.isEmpty() ? 0 : (double) falseOnes / found.size();
      sumFdp += fdp;
      sumFdp2 += fdp * fdp;
    }
    double realised = sumFdp / replications;
    double se = Math.sqrt((sumFdp2 / replications - realised * realised) / replications);
    assertTrue(realised <= fdr + 2 * se, "realised FDR " + realised + " +- " + se);
    double power = trueFound / (3.0 * replications);
    System.out.printf("curiosity: realised FDR %.4f +- %.4f, power %.3f%n", realised, se, power);
    assertTrue(power > 0.7, "power " + power);
  }

  @Test
  void pValuesAreUniformUnderTheNull() {
    HypothesisTemplate template = HypothesisLibrary.only(Set.of("signal_lifts_kpi")).get(0);
    int replications = 400;
    double[] p = new double[replications];
    for (int r = 0; r < replications; r++) {
      SeriesSet s = mix(1000 + r, 120, 1, 0, 0);
      p[r] = template.over(s).get(0).test().run().pValue();
    }
    Arrays.sort(p);
    double d = 0;
    for (int i = 0; i < replications; i++) {
      d = Math.max(d, Math.max((i + 1.0) / replications - p[i], p[i] - (double) i / replications));
    }
    // Kolmogorov-Smirnov critical value at the 1 % level
    assertTrue(d < 1.628 / Math.sqrt(replications), "KS distance " + d);
  }

  @Test
  void everyTemplateOfTheLibraryInstantiatesAndTestsOnARichTenant() {
    List<HypothesisTemplate> library = HypothesisLibrary.all();
    assertTrue(library.size() >= 20, "templates: " + library.size());
    Set<String> ids = new HashSet<>();
    for (HypothesisTemplate t : library) assertTrue(ids.add(t.id()), "duplicate " + t.id());

    SeriesSet base = mix(5, 150, 2, 2, 1.0);
    Random random = new Random(9);
    Map<String, double[]> kpis = new LinkedHashMap<>(base.kpis());
    for (String name : List.of("active_users", "churned", "evi", "emotions.frustrated", "emotions.delighted",
        "emotions.frustrated@/checkout")) {
      double[] y = new double[150];
      for (int t = 0; t < y.length; t++) y[t] = 20 + random.nextGaussian();
      kpis.put(name, y);
    }
    Map<String, double[]> signals = new LinkedHashMap<>(base.signals());
    double[] variant = new double[150];
    double[] pushes = new double[150];
    for (int t = 0; t < 150; t++) {
      variant[t] = random.nextInt(3);
      pushes[t] = random.nextInt(5);
    }
    signals.put("interventions.gentle_nudge", variant);
    signals.put("push_sent", pushes);
    SeriesSet rich = new SeriesSet("vip", base.periods(), kpis, signals);

    Curiosity.Report report = Curiosity.run(List.of(rich), library, 0.1, Progress.NONE);
    for (HypothesisTemplate t : library) {
      assertFalse(t.over(rich).isEmpty(), t.id() + " has no hypothesis");
      assertTrue(report.findings().stream().anyMatch(f -> f.template().equals(t.id())), t.id() + " untested");
    }
    for (Finding f : report.findings()) {
      assertTrue(f.effect().pValue() >= 0 && f.effect().pValue() <= 1, f.statement());
      assertTrue(f.qValue() >= f.effect().pValue() - 1e-15, f.statement());
      assertTrue(f.effect().lower95() <= f.effect().estimate() && f.effect().estimate() <= f.effect().upper95());
      assertTrue(f.effect().n() > 100, f.statement());
      assertEquals("vip", f.segment());
    }
    // the planted lifts are found, with a statement a person can read
    assertTrue(report.discoveries().stream().anyMatch(
        f -> f.statement().equals("signal s00 lifts sessions in segment vip")), report.discoveries().toString());
  }
}
