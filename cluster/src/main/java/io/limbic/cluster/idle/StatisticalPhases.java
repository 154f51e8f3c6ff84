package io.limbic.cluster.idle;

import io.limbic.analytics.matching.Interaction;
import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.MatchAction;
import io.limbic.analytics.matching.Profile;
import io.limbic.analytics.matching.Vocabulary;
import io.limbic.analytics.matching.analysis.AnalysisInput;
import io.limbic.analytics.matching.analysis.Analyzer;
import io.limbic.analytics.matching.analysis.CandidatePool;
import io.limbic.analytics.matching.analysis.CandidateSide;
import io.limbic.analytics.matching.analysis.DeepAnalysis;
import io.limbic.analytics.matching.analysis.LightSummary;
import io.limbic.analytics.matching.analysis.MatchFeedback;
import io.limbic.analytics.matching.analysis.Relationships;
import io.limbic.analytics.matching.index.CandidateIndex;
import io.limbic.analytics.matching.index.CandidateQuery;
import io.limbic.analytics.matching.index.CandidateTable;
import io.limbic.analytics.matching.preference.Evidence;
import io.limbic.analytics.matching.preference.LearningSettings;
import io.limbic.analytics.matching.preference.PreferenceLearner;
import io.limbic.analytics.matching.preference.PreferenceModel;
import io.limbic.analytics.matching.preference.PreferenceScores;
import io.limbic.analytics.matching.scoring.CandidateArray;
import io.limbic.analytics.matching.scoring.CandidateHistory;
import io.limbic.analytics.matching.scoring.MatchCandidate;
import io.limbic.analytics.matching.scoring.MatchWeights;
import io.limbic.analytics.matching.scoring.PeerLean;
import io.limbic.analytics.matching.scoring.ReciprocalScore;
import io.limbic.analytics.matching.scoring.Searcher;
import io.limbic.cluster.user.MatchingState;
import io.limbic.cluster.user.ProfileViews;
import io.limbic.cluster.matching.NodeCandidates;
import io.limbic.cluster.matching.TenantWeights;
import io.limbic.projections.matching.Candidate;
import io.limbic.projections.matching.CandidateDecisions;
import io.limbic.projections.matching.CandidateRepository;
import io.limbic.projections.matching.DecisionRepository;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.PhaseResult;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserCommand.IdlePhaseDone;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The idle phases with the statistical {@link Analyzer}: light summarises recent interactions, medium learns the
 * preference model, deep refines it and picks the day's matches from the candidate index. Each job reads only its
 * {@link PhaseInput} and the read models, so the entity can drop its result at any time.
 *
 * <p>The deep phase sees each candidate's side as the offline replay does ({@link CandidateSide}): their
 * preferences learned from their own decisions and their history (yes given, yes received) from the
 * {@code user_decision} read model, the lean of the people who decided on them ({@link PeerLean}), and the
 * tenant's P(mutual) model in force ({@link TenantWeights}).
 *
 * <p>The pool comes from this node's {@link NodeCandidates} table when it has one (each candidate held parsed, with
 * their stated-preference model built; only candidates who decided on someone are learned again here), else from
 * the database. Either way, matches are checked against the erasure markers last, so a deep phase that ends after
 * an erasure never hands the person over as a match.
 */
public final class StatisticalPhases implements PhaseRunner {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final Duration INTEREST_HALF_LIFE = Duration.ofDays(30);
  /** Peers (people who decided on the searcher or a candidate) whose decisions a deep phase reads at most. */
  static final int MAX_PEERS = 300;

  private final Analyzer analyzer;
  private final PreferenceLearner statedPreferences = new PreferenceLearner(LearningSettings.DEFAULT);
  private final CandidateRepository candidates;
  private final DecisionRepository decisions;
  private final TenantWeights tenantWeights;
  private final MatchWeights weights;
  private final int matchesPerDay;
  private final int maxCandidates;
  private final NodeCandidates held;

  public StatisticalPhases(Analyzer analyzer, CandidateRepository candidates, DecisionRepository decisions,
      TenantWeights tenantWeights, MatchWeights weights, int matchesPerDay, int maxCandidates) {
    this(analyzer, candidates, decisions, tenantWeights, weights, matchesPerDay, maxCandidates, null);
  }

  /** @param held this node's candidate table; null to read every pool from the database */
  public StatisticalPhases(Analyzer analyzer, CandidateRepository candidates, DecisionRepository decisions,
      TenantWeights tenantWeights, MatchWeights weights, int matchesPerDay, int maxCandidates,
      NodeCandidates held) {
    this.held = held;
    this.analyzer = analyzer;
    this.candidates = candidates;
    this.decisions = decisions;
    this.tenantWeights = tenantWeights;
    this.weights = weights;
    this.matchesPerDay = matchesPerDay;
    this.maxCandidates = maxCandidates;
  }

  @Override
  public Callable<UserCommand> job(PhaseInput in) {
    return switch (in.phase()) {
      case 1 -> () -> done(in, new PhaseResult(interactions(analyzer.summarize(input(in))), null, null), List.of(), 0);
      case 2 -> () -> done(in, new PhaseResult(null, describe(analyzer.learn(input(in))), null), List.of(), 0);
      default -> () -> deep(in);
    };
  }

  private IdlePhaseDone done(PhaseInput in, PhaseResult result, List<DailyMatch> matches, int considered) {
    return new IdlePhaseDone(in.token(), in.phase(), in.idleSince(), result, matches, considered);
  }

  private static PhaseResult.Preferences describe(PreferenceModel model) {
    return new PhaseResult.Preferences(model.learnedAt(), model.describe(3));
  }

  private static PhaseResult.Interactions interactions(LightSummary s) {
    return new PhaseResult.Interactions(s.summarizedAt(), s.windowDays(), byName(s.sent()), byName(s.received()),
        s.distinctPeople(), s.lastInteractionAt(), s.mostEngaged());
  }

  private static Map<String, Integer> byName(Map<InteractionType, Integer> counts) {
    Map<String, Integer> named = new TreeMap<>();
    counts.forEach((type, n) -> named.put(type.name(), n));
    return named;
  }

  private IdlePhaseDone deep(PhaseInput in) throws Exception {
    AnalysisInput input = input(in);
    PreferenceModel learned = analyzer.learn(input);
    Optional<CandidateTable> table = held == null ? Optional.empty() : held.table();
    Vocabulary vocabulary = table.map(CandidateTable::vocabulary).orElseGet(Vocabulary::new);
    PreferenceScores scores = PreferenceScores.of(learned, vocabulary);
    Optional<CandidateQuery> query =
        CandidateIndex.queryFor(in.tenant(), input.profile(), weights.maxDistanceKm(), scores.acceptableAgeBands(0.05));
    if (query.isEmpty()) {
      PhaseResult.MatchRun nobody = new PhaseResult.MatchRun(null, 0, 0, "no location in the profile: nobody to match");
      return done(in, new PhaseResult(null, null, nobody), List.of(), 0);
    }
    Set<String> ids = new HashSet<>();
    List<MatchCandidate> pool;
    // ids: the people around the pool whose decisions are read (histories, and deciders for PeerLean)
    Map<String, CandidateDecisions> histories;
    if (table.isPresent()) {
      // Most users block nobody: then the pool is the table's answer, and no candidate's id is read for it.
      CandidateTable.Found found = table.get().pool(query.get(), in.userId(),
          in.matching().blocksNobody() ? null : in.matching()::isBlocked, maxCandidates);
      for (int i = 0; i < found.size(); i++) {
        // Only people with a row in user_decision have a history or deciders: the others need no query.
        if (found.decided(i)) ids.add(found.candidates().get(i).userId());
      }
      ids.add(in.userId());
      histories = decisions.histories(in.tenant(), ids);
      pool = otherSides(in, table.get(), found, histories);
    } else {
      List<Candidate> found = new ArrayList<>();
      for (Candidate c : candidates.candidates(query.get(), in.userId(), maxCandidates)) {
        if (!in.matching().isBlocked(c.userId())) found.add(c);
      }
      for (Candidate c : found) ids.add(c.userId());
      ids.add(in.userId());
      histories = decisions.histories(in.tenant(), ids);
      pool = otherSides(in, found, histories, vocabulary);
    }
    CandidateDecisions own = histories.getOrDefault(in.userId(), CandidateDecisions.NONE);
    MatchCandidate self = MatchCandidate.of(in.tenant(), in.userId(), input.profile(), scores, in.now(), vocabulary)
        .withHistory(history(own));
    Relationships relations =
        Relationships.of(in.userId(), input.interactions(), input.feedback(), in.now(), INTEREST_HALF_LIFE);
    Searcher searcher = relations.toSearcher(self, liked(in.matching()), in.now());
    CandidatePool candidatePool = new CandidatePool(searcher, pool, vocabulary, tenantWeights.fitted(in.tenant()),
        peers(in.tenant(), ids, histories));
    DeepAnalysis deep = analyzer.refine(input, learned, candidatePool, matchesPerDay);
    Set<String> chosen = new HashSet<>();
    for (ReciprocalScore s : deep.matches()) chosen.add(s.userId());
    // Last, after the pool was read: anyone erased by now is left out, whatever the pool or the table said.
    Set<String> erased = candidates.erasedAmong(in.tenant(), chosen);
    List<DailyMatch> matches = new ArrayList<>();
    String day = DAY.format(in.now());
    for (ReciprocalScore s : deep.matches()) {
      if (erased.contains(s.userId())) continue;
      matches.add(new DailyMatch(in.userId() + "~" + s.userId() + "~" + day, s.userId(), s.score(), s.breakdown()));
    }
    PhaseResult.MatchRun run =
        new PhaseResult.MatchRun(deep.generatedAt(), matches.size(), deep.candidatesConsidered(), null);
    return done(in, new PhaseResult(null, describe(deep.preferences()), run), matches, deep.candidatesConsidered());
  }

  /**
   * The pool from the node's table: a candidate who decided on nobody is the held candidate with their history (the
   * stated model is what learning from no decisions gives); one who did is learned again from their decisions, with
   * the profiles of the people they decided on taken from the table where held. Those are set in place in the
   * table's answer, whose candidates are read only where a flag says so.
   */
  private List<MatchCandidate> otherSides(PhaseInput in, CandidateTable table, CandidateTable.Found found,
      Map<String, CandidateDecisions> histories) throws Exception {
    int year = in.now().atOffset(ZoneOffset.UTC).getYear();
    CandidateArray pool = found.candidates();
    Map<String, Profile> profiles = new HashMap<>();
    Set<String> missing = new HashSet<>();
    for (int i = 0; i < found.size(); i++) {
      if (!found.decided(i)) continue; // no row in user_decision (no lookup: it would read every candidate's id)
      CandidateDecisions h = histories.get(pool.get(i).userId());
      if (h == null || h.given().isEmpty()) continue;
      for (CandidateDecisions.Given g : h.given()) {
        if (profiles.containsKey(g.targetId()) || missing.contains(g.targetId())) continue;
        MatchCandidate target = table.candidate(in.tenant(), g.targetId());
        if (target != null) profiles.put(g.targetId(), target.profile());
        else missing.add(g.targetId());
      }
    }
    candidates.profiles(in.tenant(), missing).forEach((id, p) -> profiles.put(id, ProfileViews.toProfile(p)));
    for (int i = 0; i < found.size(); i++) {
      if (i % 4096 == 0 && Thread.currentThread().isInterrupted()) throw new InterruptedException("halted");
      if (!found.decided(i) && found.year(i) == year) continue; // held as learning from no decisions gives
      MatchCandidate c = pool.get(i);
      CandidateDecisions h = histories.getOrDefault(c.userId(), CandidateDecisions.NONE);
      if (h.given().isEmpty() && found.year(i) == year) {
        pool.set(i, c.withHistory(history(h)));
        continue;
      }
      List<Evidence> theirs = new ArrayList<>(h.given().size());
      for (CandidateDecisions.Given g : h.given()) theirs.add(new Evidence(g.targetId(), g.evidence(), g.at()));
      pool.set(i, CandidateSide.of(in.tenant(), c.userId(), c.profile(), c.lastActiveAt(), theirs,
          profiles::get, history(h), statedPreferences, table.vocabulary(), in.now()));
    }
    return pool;
  }

  /**
   * Each candidate as the other side of the pair: preferences learned from their own decisions (with their stated
   * profile as the prior) and their history. Profiles of the people they decided on are parsed once per job: those
   * in the pool are already, the others are read in one go.
   */
  private List<MatchCandidate> otherSides(PhaseInput in, List<Candidate> found,
      Map<String, CandidateDecisions> histories, Vocabulary vocabulary) throws Exception {
    Map<String, Profile> profiles = new HashMap<>();
    for (Candidate c : found) profiles.put(c.userId(), ProfileViews.toProfile(c.profile()));
    Set<String> missing = new HashSet<>();
    for (CandidateDecisions h : histories.values()) {
      for (CandidateDecisions.Given g : h.given()) if (!profiles.containsKey(g.targetId())) missing.add(g.targetId());
    }
    candidates.profiles(in.tenant(), missing).forEach((id, p) -> profiles.put(id, ProfileViews.toProfile(p)));
    List<MatchCandidate> pool = new ArrayList<>(found.size());
    for (Candidate c : found) {
      if (Thread.currentThread().isInterrupted()) throw new InterruptedException("halted");
      CandidateDecisions h = histories.getOrDefault(c.userId(), CandidateDecisions.NONE);
      List<Evidence> theirs = new ArrayList<>(h.given().size());
      for (CandidateDecisions.Given g : h.given()) theirs.add(new Evidence(g.targetId(), g.evidence(), g.at()));
      pool.add(CandidateSide.of(in.tenant(), c.userId(), profiles.get(c.userId()), c.lastActiveAt(), theirs,
          profiles::get, history(h), statedPreferences, vocabulary, in.now()));
    }
    return pool;
  }

  private static CandidateHistory history(CandidateDecisions h) {
    return new CandidateHistory(h.yesGiven(), h.decisionsGiven(), h.yesReceived(), h.decisionsReceived());
  }

  /**
   * The decisions around the pool for {@link PeerLean}: the searcher's and the candidates' own, and those of the
   * people who decided on any of them (the latest {@link DecisionRepository#MAX_DECIDERS} per person; of those,
   * the {@link #MAX_PEERS} who decided on most of them).
   */
  private PeerLean peers(String tenant, Set<String> around, Map<String, CandidateDecisions> histories)
      throws Exception {
    Map<String, Map<String, Boolean>> verdicts = new HashMap<>();
    histories.forEach((user, h) -> verdicts.put(user, verdicts(h)));
    Map<String, Integer> overlap = new HashMap<>();
    decisions.deciders(tenant, around).values().forEach(deciders -> deciders.keySet().forEach(p -> {
      if (!verdicts.containsKey(p)) overlap.merge(p, 1, Integer::sum);
    }));
    List<String> peers = overlap.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX_PEERS).map(Map.Entry::getKey).toList();
    if (Thread.currentThread().isInterrupted()) throw new InterruptedException("halted");
    decisions.histories(tenant, peers).forEach((user, h) -> verdicts.put(user, verdicts(h)));
    return new PeerLean(verdicts);
  }

  private static Map<String, Boolean> verdicts(CandidateDecisions h) {
    Map<String, Boolean> mine = new HashMap<>();
    for (CandidateDecisions.Given g : h.given()) mine.put(g.targetId(), g.yes());
    return mine;
  }

  /** People already matched: liked or messaged through an earlier suggestion. */
  private static Set<String> liked(MatchingState m) {
    Set<String> matched = new HashSet<>();
    for (MatchingState.Feedback f : m.feedback()) {
      // Parsed, not compared: actions journaled before normalisation may read " PASS ".
      if (MatchAction.parse(f.action()).orElse(null) != MatchAction.PASS) matched.add(f.candidateId());
    }
    return matched;
  }

  private AnalysisInput input(PhaseInput in) throws Exception {
    MatchingState m = in.matching();
    List<Interaction> interactions = new ArrayList<>();
    Set<String> others = new HashSet<>();
    for (InteractionData i : m.interactions()) {
      Optional<InteractionType> type = InteractionType.parse(i.type());
      if (type.isEmpty()) continue;
      interactions.add(new Interaction(i.from(), i.to(), type.get(), i.at(), i.id(), i.durationS()));
      others.add(i.from().equals(in.userId()) ? i.to() : i.from());
    }
    List<MatchFeedback> feedback = new ArrayList<>();
    for (MatchingState.Feedback f : m.feedback()) {
      MatchAction.parse(f.action()).ifPresent(a -> feedback.add(new MatchFeedback(f.candidateId(), a, f.at())));
      others.add(f.candidateId());
    }
    Map<String, Profile> profiles = new LinkedHashMap<>();
    candidates.profiles(in.tenant(), others).forEach((id, p) -> profiles.put(id, ProfileViews.toProfile(p)));
    return new AnalysisInput(in.tenant(), in.userId(), ProfileViews.toProfile(m.profile()), interactions, feedback,
        profiles, in.now());
  }
}
