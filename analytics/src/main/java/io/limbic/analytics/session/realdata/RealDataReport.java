package io.limbic.analytics.session.realdata;

import io.limbic.analytics.session.emotion.EmotionReading;
import io.limbic.analytics.session.emotion.EmotionalState;
import io.limbic.analytics.session.realdata.Intervals.Interval;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Replays public recordings of real people through the session analysis at the live cadence and prints, per data
 * set, what the node would have said: sessions, hours, persisted readings per state, escalation-grade rage per
 * session-hour, and where the data set has labels, how well the states separate them (with 95 % intervals).
 * Run through {@code loadtest/rage-realdata.sh}, which prepares the directory:
 * {@code freihaut/pointclick.csv}, {@code iweb/raw_data.csv}, {@code sapimouse/}, {@code trackpad/}.
 */
public final class RealDataReport {
  /** The goal: at most one escalation-grade rage per 1,000 session-hours of ordinary use. */
  static final double GOAL_PER_HOUR = 0.001;
  private final PrintStream out;
  private final LiveReplay replay;

  RealDataReport(PrintStream out, LiveReplay replay) {
    this.out = out;
    this.replay = replay;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/realdata");
    RealDataReport report = new RealDataReport(System.out, LiveReplay.withDefaults());
    int found = report.run(dir);
    if (found == 0) System.exit(2);
  }

  /** Reports every data set present under {@code dir}; says which are missing. Returns how many were found. */
  int run(Path dir) throws IOException {
    int found = 0;
    Path freihaut = dir.resolve("freihaut/pointclick.csv");
    if (present(freihaut)) {
      found++;
      List<ReplayOutcome> o = replayAll(read(freihaut, FreihautPointClick::read));
      summary(FreihautPointClick.DATASET, o);
      conditionSeparation(o, "high-stress", "low-stress");
    }
    Path iweb = dir.resolve("iweb/raw_data.csv");
    if (present(iweb)) {
      found++;
      List<ReplayOutcome> o = replayAll(read(iweb, IwebMap::read));
      summary(IwebMap.DATASET, o);
      covariateRelation(o, "delayMs");
      covariateRelation(o, "rating");
      delayBands(o);
    }
    Path sapi = dir.resolve("sapimouse");
    if (present(sapi)) {
      found++;
      summary(SapiMouse.DATASET, replayAll(SapiMouse.read(sapi)));
    }
    Path trackpad = dir.resolve("trackpad");
    if (present(trackpad)) {
      found++;
      summary(TrackpadActivities.DATASET, replayAll(TrackpadActivities.read(trackpad)));
    }
    return found;
  }

  private interface CsvReader {
    List<Recording> read(BufferedReader in) throws IOException;
  }

  private static List<Recording> read(Path file, CsvReader reader) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      return reader.read(in);
    }
  }

  private boolean present(Path p) {
    if (Files.exists(p)) return true;
    out.printf("missing: %s (loadtest/rage-realdata.sh prepares it)%n%n", p);
    return false;
  }

  private List<ReplayOutcome> replayAll(List<Recording> recordings) {
    return recordings.parallelStream().map(replay::replay).toList();
  }

  void summary(String dataset, List<ReplayOutcome> outcomes) {
    double hours = hours(outcomes);
    long people = outcomes.stream().map(o -> o.recording().person()).distinct().count();
    long samples = outcomes.stream().mapToLong(o -> o.recording().samples().size()).sum();
    out.printf(Locale.ROOT, "## %s: %d sessions of %d people, %.2f session-hours, %,d samples%n", dataset,
        outcomes.size(), people, hours, samples);
    Map<EmotionalState, int[]> perState = new EnumMap<>(EmotionalState.class);
    for (EmotionalState s : EmotionalState.values()) perState.put(s, new int[2]);
    for (ReplayOutcome o : outcomes) {
      for (EmotionReading r : o.persisted()) {
        perState.get(r.state())[0]++;
        if (r.confidence() >= 0.85) perState.get(r.state())[1]++;
      }
    }
    StringBuilder states = new StringBuilder();
    perState.forEach((s, n) -> states.append(String.format(Locale.ROOT, " %s %d (%d at >= 0.85);", s.wireName(),
        n[0], n[1])));
    out.println("persisted readings per state:" + states);
    Map<String, Integer> signals = new java.util.TreeMap<>();
    outcomes.forEach(o -> o.signals().forEach((k, v) -> signals.merge(k, v, Integer::sum)));
    out.println("signals: " + signals);
    out.println();
    out.println("| condition | sessions | session-hours | escalation-grade rage | sessions with one | per session-hour"
        + " (95 %) | non-calm share | mean P(rage+frustration) |");
    out.println("|---|---|---|---|---|---|---|---|");
    Map<String, List<ReplayOutcome>> byCondition = new LinkedHashMap<>();
    byCondition.put("all", outcomes);
    for (ReplayOutcome o : outcomes) {
      byCondition.computeIfAbsent(o.recording().condition(), k -> new ArrayList<>()).add(o);
    }
    if (byCondition.size() == 2) byCondition.remove(outcomes.get(0).recording().condition());
    byCondition.forEach((condition, group) -> row(condition, group));
    out.println();
  }

  private void row(String condition, List<ReplayOutcome> group) {
    double hours = hours(group);
    int escalations = group.stream().mapToInt(ReplayOutcome::escalations).sum();
    long sessions = group.stream().filter(o -> o.escalations() > 0).count();
    Interval rate = Intervals.poisson(escalations);
    boolean goal = rate.high() / hours <= GOAL_PER_HOUR;
    out.printf(Locale.ROOT, "| %s | %d | %.2f | %d | %d | %.2f (%.2f-%.2f)%s | %.3f | %.3f |%n",
        condition.isEmpty() ? "-" : condition, group.size(), hours, escalations, sessions, escalations / hours,
        rate.low() / hours, rate.high() / hours, goal ? " goal met" : "",
        mean(group, ReplayOutcome::nonCalmShare), mean(group, ReplayOutcome::meanAnger));
  }

  /** Within-person labels: does the score rank a person's positive condition above the negative one? */
  void conditionSeparation(List<ReplayOutcome> outcomes, String positive, String negative) {
    out.printf("separation of %s from %s (AUC; 0.5 = none; bootstrap 95 %% over people):%n", positive, negative);
    separation(outcomes, positive, negative, "non-calm share", ReplayOutcome::nonCalmShare);
    separation(outcomes, positive, negative, "mean P(rage+frustration)", ReplayOutcome::meanAnger);
    separation(outcomes, positive, negative, "escalation-grade rage count", o -> o.escalations());
    out.println();
  }

  private void separation(List<ReplayOutcome> outcomes, String positive, String negative, String name,
      ToDoubleFunction<ReplayOutcome> score) {
    Interval auc = Intervals.byPerson(outcomes, person(), sample -> Intervals.auc(
        scores(sample, positive, score), scores(sample, negative, score)), 9);
    out.printf(Locale.ROOT, "- %s: AUC %.3f (%.3f-%.3f)%n", name, auc.estimate(), auc.low(), auc.high());
  }

  /** Spearman correlation of each score with a numeric label of the sessions, bootstrap over people. */
  void covariateRelation(List<ReplayOutcome> outcomes, String covariate) {
    out.printf("relation to %s (Spearman; bootstrap 95 %% over people):%n", covariate);
    relation(outcomes, covariate, "non-calm share", ReplayOutcome::nonCalmShare);
    relation(outcomes, covariate, "mean P(rage+frustration)", ReplayOutcome::meanAnger);
    relation(outcomes, covariate, "escalation-grade rage count", o -> o.escalations());
    out.println();
  }

  private void relation(List<ReplayOutcome> outcomes, String covariate, String name,
      ToDoubleFunction<ReplayOutcome> score) {
    Interval rho = Intervals.byPerson(outcomes, person(), sample -> Intervals.spearman(
        sample.stream().mapToDouble(score).toArray(),
        sample.stream().mapToDouble(o -> o.recording().covariates().get(covariate)).toArray()), 11);
    out.printf(Locale.ROOT, "- %s: rho %.3f (%.3f-%.3f)%n", name, rho.estimate(), rho.low(), rho.high());
  }

  private void delayBands(List<ReplayOutcome> outcomes) {
    out.println("| injected delay | sessions | session-hours | escalation-grade rage | per session-hour (95 %) |"
        + " non-calm share | mean P(rage+frustration) | mean rating |");
    out.println("|---|---|---|---|---|---|---|---|");
    double[][] bands = {{0, 500}, {500, 1000}, {1000, 1500}, {1500, 2001}};
    for (double[] band : bands) {
      List<ReplayOutcome> group = outcomes.stream().filter(o -> {
        double d = o.recording().covariates().get("delayMs");
        return d >= band[0] && d < band[1];
      }).toList();
      if (group.isEmpty()) continue;
      double hours = hours(group);
      int escalations = group.stream().mapToInt(ReplayOutcome::escalations).sum();
      Interval rate = Intervals.poisson(escalations);
      out.printf(Locale.ROOT, "| %.0f-%.0f ms | %d | %.2f | %d | %.1f (%.1f-%.1f) | %.3f | %.3f | %.2f |%n",
          band[0], Math.min(band[1], 2000), group.size(), hours, escalations, escalations / hours,
          rate.low() / hours, rate.high() / hours, mean(group, ReplayOutcome::nonCalmShare),
          mean(group, ReplayOutcome::meanAnger), mean(group, o -> o.recording().covariates().get("rating")));
    }
    out.println();
  }

  private static Function<ReplayOutcome, String> person() {
    return o -> o.recording().person();
  }

  private static double[] scores(List<ReplayOutcome> sample, String condition, ToDoubleFunction<ReplayOutcome> f) {
    return sample.stream().filter(o -> o.recording().condition().equals(condition)).mapToDouble(f).toArray();
  }

  private static double hours(List<ReplayOutcome> outcomes) {
    return outcomes.stream().mapToLong(o -> o.recording().durationMs()).sum() / 3_600_000.0;
  }

  private static double mean(List<ReplayOutcome> group, ToDoubleFunction<ReplayOutcome> f) {
    return group.stream().mapToDouble(f).average().orElse(Double.NaN);
  }
}
