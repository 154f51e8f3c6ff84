package io.limbic.analytics.matching.eval.realdata;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.scoring.CandidateHistory;
import io.limbic.analytics.matching.scoring.ReciprocalScore;
import java.util.Optional;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.MutualProbability;
import io.limbic.analytics.matching.scoring.MutualFitter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Daily matches tried on real reciprocal decisions: the speed-dating experiment replayed one tenant per wave.
 *
 * <p>Protocol. The unordered pairs of a wave that met (both decisions recorded) are split deterministically by a
 * hash of (wave, both ids): 70 % training, 30 % held out. Training decisions are sent as the interactions an app
 * would send, {@code favorite} for yes and {@code pass} for no, both ways. Then each person's daily matches are
 * made by {@link NodeReplay}, the node's deep-phase path, over the whole wave; the training partners are excluded
 * as decided, so the held-out partners (and anyone not met) are what is ranked. Per person, over their held-out
 * partners: the AUC of mutual matches (both said yes), precision@3, and the AUC of "the partner said yes". A figure
 * is the mean over people for whom it is defined (at least one positive and one negative held-out partner; three
 * partners for precision@3), with its standard error over people. Baselines rank the same partners: random,
 * popularity (yeses received in training) and the yes-rate product (partner's smoothed rate of saying yes times
 * their smoothed rate of being said yes to).
 *
 * <p>Waves 1-10 are for development and the published figures. Waves 11-21 are kept for an independent check of
 * the same protocol: they are refused unless {@code --independent-check} is given.
 */
public final class RealDataEvaluator {
  static final double HELD_OUT = 0.3;
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final int DEVELOPMENT_LAST_WAVE = 10;
  static MatchWeights WEIGHTS = MatchWeights.DEFAULT;

  private RealDataEvaluator() {}

  public static void main(String[] args) throws IOException {
    Path data = null;
    int first = 1, last = DEVELOPMENT_LAST_WAVE;
    boolean independent = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--waves" -> {
          String[] range = args[++i].split("-");
          first = Integer.parseInt(range[0]);
          last = Integer.parseInt(range[range.length - 1]);
        }
        case "--independent-check" -> independent = true;
        case "--history-share" -> WEIGHTS = WEIGHTS.withHistoryShare(Double.parseDouble(args[++i]));
        case "--mutual" -> {
          String[] slopes = args[++i].split(",");
          WEIGHTS = WEIGHTS.withMutual(
              MutualProbability.ofSlopes(Double.parseDouble(slopes[0]), Double.parseDouble(slopes[1])));
        }
        case "--harmonic" -> WEIGHTS = WEIGHTS.withMutual(null);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (data == null) throw new IllegalArgumentException("--data <path to Speed Dating Data.csv> is required");
    if (last > DEVELOPMENT_LAST_WAVE && !independent) {
      throw new IllegalArgumentException("waves 11-21 are kept for the independent check (--independent-check)");
    }
    long started = System.nanoTime();
    Report report = evaluate(SpeedDatingData.read(data), first, last);
    System.out.printf(Locale.ROOT, "waves %d-%d, %.1f s%n", first, last, (System.nanoTime() - started) / 1e9);
    System.out.print(report.table());
  }

  /** Per-person figures of each method, index-aligned across methods (NaN where undefined). */
  public record Report(int people, int pairs, int heldOutPairs, List<Integer> fittedWaves,
      Map<String, Map<String, List<Double>>> figures) {
    static final List<String> FIGURES = List.of("mutual AUC", "precision@3", "partner-yes AUC");

    public RankingFigures.Estimate estimate(String method, String figure) {
      return RankingFigures.Estimate.of(figures.get(method).get(figure));
    }

    public RankingFigures.Estimate versus(String method, String baseline, String figure) {
      return RankingFigures.Estimate.of(
          RankingFigures.differences(figures.get(method).get(figure), figures.get(baseline).get(figure)));
    }

    public String table() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "people %d, pairs %d, held out %d; weights fitted for waves %s, defaults elsewhere%n", people, pairs,
          heldOutPairs, fittedWaves));
      out.append(String.format(Locale.ROOT, "%-34s", "method"));
      for (String f : FIGURES) out.append(String.format(Locale.ROOT, " %22s", f + " (n)"));
      out.append('\n');
      for (String method : figures.keySet()) {
        out.append(String.format(Locale.ROOT, "%-34s", method));
        for (String f : FIGURES) {
          RankingFigures.Estimate e = estimate(method, f);
          out.append(String.format(Locale.ROOT, " %8.3f ± %.3f (%3d)", e.mean(), e.se(), e.n()));
        }
        out.append('\n');
      }
      for (String method : figures.keySet()) {
        if (!method.startsWith("daily matches")) continue;
        for (String baseline : figures.keySet()) {
          if (baseline.startsWith("daily matches")) continue;
          RankingFigures.Estimate d = versus(method, baseline, "mutual AUC");
          out.append(String.format(Locale.ROOT, "%s - %s, mutual AUC: %+.3f ± %.3f (paired, n %d)%n", method,
              baseline, d.mean(), d.se(), d.n()));
        }
      }
      return out.toString();
    }
  }

  public static Report evaluate(SpeedDatingData data, int firstWave, int lastWave) {
    int year = NOW.atOffset(ZoneOffset.UTC).getYear();
    Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
    List<Integer> fittedWaves = new ArrayList<>();
    int people = 0, pairs = 0, heldOut = 0;
    for (int wave = firstWave; wave <= lastWave; wave++) {
      WaveSplit split = WaveSplit.of(data, wave);
      if (split.people().isEmpty()) continue;
      people += split.people().size();
      pairs += split.pairs();
      heldOut += split.heldOutPairs();
      Map<String, Profile> profiles = new HashMap<>();
      for (SpeedDatingData.Person p : split.people().values()) profiles.put(id(p.iid()), SpeedDatingProfiles.of(p, year));
      Map<Integer, int[]> tallies = WaveSplit.tallies(split.trainingPairs());
      NodeReplay replay = replay(split, profiles, split.trainingPairs(), WEIGHTS);
      Logged logged = logged(split, profiles);
      Optional<MutualProbability> fitted = MutualFitter.fit(logged.forward(), logged.backward());
      fitted.ifPresent(m -> fittedWaves.add(split.wave()));
      NodeReplay fittedReplay =
          fitted.map(f -> replay(split, profiles, split.trainingPairs(), WEIGHTS.withMutual(f))).orElse(replay);
      Random random = new Random(wave);
      for (int x : new TreeSet<>(split.people().keySet())) {
        Map<Integer, boolean[]> partners = split.heldOut().getOrDefault(x, Map.of());
        if (partners.isEmpty()) continue;
        Set<Integer> mutual = new HashSet<>(), partnerYes = new HashSet<>();
        partners.forEach((y, d) -> {
          if (d[0] && d[1]) mutual.add(y);
          if (d[1]) partnerYes.add(y);
        });
        Map<String, Map<Integer, Double>> scores = new LinkedHashMap<>();
        scores.put("daily matches, tenant-fitted weights", onPartners(fittedReplay.rank(id(x)), partners.keySet()));
        scores.put("daily matches, default weights", onPartners(replay.rank(id(x)), partners.keySet()));
        Map<Integer, Double> randomScores = new HashMap<>(), popularity = new HashMap<>(), product = new HashMap<>();
        for (int y : new TreeSet<>(partners.keySet())) {
          randomScores.put(y, random.nextDouble());
          popularity.put(y, (double) WaveSplit.yesReceived(tallies, y));
          product.put(y, WaveSplit.yesRateGiven(tallies, y) * WaveSplit.yesRateReceived(tallies, y));
        }
        scores.put("random", randomScores);
        scores.put("popularity", popularity);
        scores.put("yes-rate product", product);
        for (Map.Entry<String, Map<Integer, Double>> method : scores.entrySet()) {
          Map<String, List<Double>> f = figures.computeIfAbsent(method.getKey(), k -> new LinkedHashMap<>());
          Map<Integer, Double> s = method.getValue();
          f.computeIfAbsent("mutual AUC", k -> new ArrayList<>()).add(RankingFigures.auc(s, mutual));
          boolean p3 = partners.size() >= 3 && !mutual.isEmpty() && mutual.size() < partners.size();
          f.computeIfAbsent("precision@3", k -> new ArrayList<>())
              .add(p3 ? RankingFigures.precisionAt(3, s, mutual) : Double.NaN);
          f.computeIfAbsent("partner-yes AUC", k -> new ArrayList<>()).add(RankingFigures.auc(s, partnerYes));
        }
      }
    }
    return new Report(people, pairs, heldOut, fittedWaves, figures);
  }

  static final int FOLDS = 3;

  /**
   * What the tenant's match log would hold: each training pair is scored, with the default weights, by a replay
   * that has not seen it (the other folds' decisions only), and logged with both decisions about it. The node logs
   * a match before its outcomes happen; these folds keep that order.
   */
  static Logged logged(WaveSplit split, Map<String, Profile> profiles) {
    List<MutualFitter.Decision> forward = new ArrayList<>(), backward = new ArrayList<>();
    for (int fold = 0; fold < FOLDS; fold++) {
      List<Said[]> seen = new ArrayList<>(), unseen = new ArrayList<>();
      for (Said[] pair : split.trainingPairs()) {
        (foldOf(split.wave(), pair[0].from(), pair[0].to()) == fold ? unseen : seen).add(pair);
      }
      NodeReplay replay = replay(split, profiles, seen, WEIGHTS);
      Map<Integer, List<Said[]>> byPerson = new HashMap<>();
      for (Said[] pair : unseen) {
        byPerson.computeIfAbsent(pair[0].from(), k -> new ArrayList<>()).add(pair);
        byPerson.computeIfAbsent(pair[1].from(), k -> new ArrayList<>()).add(pair);
      }
      for (int x : new TreeSet<>(byPerson.keySet())) {
        Map<String, ReciprocalScore> ranked = replay.rank(id(x));
        for (Said[] pair : byPerson.get(x)) {
          int y = pair[0].from() == x ? pair[0].to() : pair[0].from();
          ReciprocalScore s = ranked.get(id(y));
          if (s == null) continue;
          boolean saidYes = pair[0].from() == x ? pair[0].yes() : pair[1].yes();
          boolean heardYes = pair[0].from() == x ? pair[1].yes() : pair[0].yes();
          Map<String, Double> b = s.breakdown();
          forward.add(MutualFitter.Decision.forward(b, saidYes));
          backward.add(MutualFitter.Decision.backward(b, heardYes));
        }
      }
    }
    return new Logged(forward, backward);
  }

  /** What a tenant's match log would hold: each logged pair's decisions, both ways, with what it was scored with. */
  record Logged(List<MutualFitter.Decision> forward, List<MutualFitter.Decision> backward) {}

  private static NodeReplay replay(WaveSplit split, Map<String, Profile> profiles, List<Said[]> pairs,
      MatchWeights weights) {
    Map<String, CandidateHistory> histories = new HashMap<>();
    WaveSplit.tallies(pairs).forEach((iid, t) -> histories.put(id(iid), new CandidateHistory(t[0], t[1], t[2], t[3])));
    return new NodeReplay("wave-" + split.wave(), profiles, split.interactions(pairs), histories, weights, NOW);
  }

  private static Map<Integer, Double> onPartners(Map<String, ReciprocalScore> ranked, Set<Integer> partners) {
    Map<Integer, Double> byPartner = new HashMap<>();
    for (int y : partners) {
      ReciprocalScore s = ranked.get(id(y));
      byPartner.put(y, s == null ? Double.NEGATIVE_INFINITY : s.score());
    }
    return byPartner;
  }

  static int foldOf(int wave, int a, int b) {
    return (int) Math.floorMod(Long.hashCode(wave * 31L + Math.min(a, b) * 1_000_003L + Math.max(a, b)) * 7919L, FOLDS);
  }

  static String id(int iid) {
    return "p" + iid;
  }

  /** One direction of a pair's decisions. */
  record Said(int from, int to, boolean yes, int round) {}

  /** A wave's people, its training pairs (both directions) and its held-out decisions. */
  record WaveSplit(int wave, Map<Integer, SpeedDatingData.Person> people, List<Said[]> trainingPairs,
      Map<Integer, Map<Integer, boolean[]>> heldOut, int pairs, int heldOutPairs) {

    static WaveSplit of(SpeedDatingData data, int wave) {
      Map<Integer, SpeedDatingData.Person> people = new HashMap<>();
      data.people().forEach((iid, p) -> {
        if (p.wave() == wave) people.put(iid, p);
      });
      Map<Long, SpeedDatingData.Decision> byDirection = new HashMap<>();
      for (SpeedDatingData.Decision d : data.decisions()) {
        if (d.wave() == wave && people.containsKey(d.from()) && people.containsKey(d.to())) {
          byDirection.put(key(d.from(), d.to()), d);
        }
      }
      List<Said[]> training = new ArrayList<>();
      Map<Integer, Map<Integer, boolean[]>> heldOut = new HashMap<>();
      int pairs = 0, held = 0;
      for (SpeedDatingData.Decision d : byDirection.values().stream()
          .sorted(java.util.Comparator.comparingLong(d -> key(d.from(), d.to()))).toList()) {
        if (d.from() > d.to()) continue;
        SpeedDatingData.Decision back = byDirection.get(key(d.to(), d.from()));
        if (back == null) continue;
        pairs++;
        if (isHeldOut(wave, d.from(), d.to())) {
          held++;
          heldOut.computeIfAbsent(d.from(), k -> new HashMap<>()).put(d.to(), new boolean[] {d.yes(), back.yes()});
          heldOut.computeIfAbsent(d.to(), k -> new HashMap<>()).put(d.from(), new boolean[] {back.yes(), d.yes()});
        } else {
          training.add(new Said[] {new Said(d.from(), d.to(), d.yes(), d.round()),
              new Said(back.from(), back.to(), back.yes(), back.round())});
        }
      }
      return new WaveSplit(wave, people, List.copyOf(training), heldOut, pairs, held);
    }

    /** The decisions of these pairs as an app sends them: favorite for yes, pass for no. */
    List<Interaction> interactions(List<Said[]> pairs) {
      List<Interaction> out = new ArrayList<>();
      for (Said[] pair : pairs) {
        for (Said one : pair) {
          out.add(Interaction.of(id(one.from()), id(one.to()), one.yes() ? InteractionType.FAVORITE : InteractionType.PASS,
              NOW.minusSeconds(86_400 - 240L * one.round()), "w" + wave + "-" + one.from() + "-" + one.to()));
        }
      }
      return out;
    }

    /** yes given, decisions given, yes received, decisions received, per person, over these pairs. */
    static Map<Integer, int[]> tallies(List<Said[]> pairs) {
      Map<Integer, int[]> tallies = new HashMap<>();
      for (Said[] pair : pairs) {
        for (Said one : pair) {
          int[] from = tallies.computeIfAbsent(one.from(), k -> new int[4]);
          int[] to = tallies.computeIfAbsent(one.to(), k -> new int[4]);
          from[1]++;
          to[3]++;
          if (one.yes()) {
            from[0]++;
            to[2]++;
          }
        }
      }
      return tallies;
    }

    static int yesReceived(Map<Integer, int[]> tallies, int iid) {
      return tallies.getOrDefault(iid, new int[4])[2];
    }

    /** Laplace-smoothed: (yes + 1) / (decisions + 2). */
    static double yesRateGiven(Map<Integer, int[]> tallies, int iid) {
      int[] t = tallies.getOrDefault(iid, new int[4]);
      return (t[0] + 1.0) / (t[1] + 2.0);
    }

    static double yesRateReceived(Map<Integer, int[]> tallies, int iid) {
      int[] t = tallies.getOrDefault(iid, new int[4]);
      return (t[2] + 1.0) / (t[3] + 2.0);
    }

    private static long key(int from, int to) {
      return ((long) from << 32) | (to & 0xffffffffL);
    }

    /** SplitMix64 of (wave, lower id, higher id): the same split on every run and machine. */
    static boolean isHeldOut(int wave, int a, int b) {
      long z = wave * 0x9E3779B97F4A7C15L + Math.min(a, b) * 0xBF58476D1CE4E5B9L + Math.max(a, b);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
      return (z >>> 11) * 0x1.0p-53 < HELD_OUT;
    }
  }
}
