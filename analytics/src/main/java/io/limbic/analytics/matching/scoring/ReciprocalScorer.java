package io.limbic.analytics.matching.scoring;

import io.limbic.analytics.matching.DistanceBand;
import io.limbic.analytics.matching.GeoPoint;
import io.limbic.analytics.matching.Traits;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores candidates for one searcher (formula in {@link MatchWeights}). Everything about the searcher is worked out
 * once in the constructor, and the formula itself allocates nothing; the lean of like-deciding people ({@link PeerLean})
 * caches each pair's agreement the first time it is asked (one map entry per pair), and nothing else is allocated
 * per candidate. An instance is therefore bound to one searcher and not shared between threads (it reuses scratch
 * arrays).
 */
public final class ReciprocalScorer {
  private static final int FORWARD = 0, BACKWARD = 1, DESIRABILITY = 2, YES_RATE = 3, RECIPROCAL = 4,
      COMPLETENESS = 5, RECENCY = 6, DISTANCE_KM = 7, DISTANCE = 8, MUTUAL = 9, CONTEXT = 10, SCORE = 11,
      SEARCHER_YES_RATE = 12, SEARCHER_DESIRABILITY = 13, PEER_FORWARD = 14, PEER_BACKWARD = 15;
  private static final String[] NAMES = {"compatForward", "compatBackward", "desirability", "yesRate", "reciprocal",
      "completeness", "recency", "distanceKm", "distance", "mutualInterest", "context", "score", "searcherYesRate",
      "searcherDesirability", "peerForward", "peerBackward"};
  private static final double LN2 = Math.log(2);
  private static final double KM_PER_RADIAN = GeoPoint.EARTH_RADIUS_KM;
  private static final double NO_FLOOR = -1;

  private final Searcher searcher;
  private final MatchWeights weights;
  private final Traits self;
  private final int year;
  private final int selfAgeBand;
  private final boolean located;
  private final long nowEpochS;
  private final double recencyHalfLifeS;
  private final double contextSum;
  private final int searcherIdHash;
  /** Both directions of compat with the searcher on one side, without a binary search per term. */
  private final CompatLookup compat;
  private final double[] components = new double[NAMES.length];
  /** Scratch: the candidate's distance band, set with the context. */
  private int distanceBand;
  /**
   * Whether a ceiling bounds the score ({@link #scoreWithinDistance}): with P(mutual) whose compat and lean slopes
   * are not negative (the harmonic mean's rounding is not monotone to the last bit).
   */
  private final boolean bounded;
  private final boolean searcherDecides;
  private final boolean searcherDecidedOn;
  /** Scratch: the pair's context components for {@link MutualProbability.Side#logit}. */
  private final double[] context = new double[4];

  private final double baseLogit;
  private final double searcherYesLogit;
  private final double searcherDesirabilityLogit;
  private final double searcherYesRate;
  private final PeerLean peers;
  private final double searcherDesirability;

  public ReciprocalScorer(Searcher searcher, MatchWeights weights) {
    this(searcher, weights, CandidateHistory.PRIOR_RATE);
  }

  /** @param baseRate the tenant's rate of saying yes ({@link MutualProbability#baseRate}) */
  public ReciprocalScorer(Searcher searcher, MatchWeights weights, double baseRate) {
    this(searcher, weights, baseRate, PeerLean.NONE);
  }

  /** @param peers the decisions around the pool, for the lean of like-deciding people ({@link PeerLean}) */
  public ReciprocalScorer(Searcher searcher, MatchWeights weights, double baseRate, PeerLean peers) {
    this.peers = peers;
    CandidateHistory mine = searcher.self().history();
    this.searcherYesRate = mine.yesRate();
    this.searcherDesirability = mine.desirability();
    this.searcherYesLogit = MutualProbability.logit(mine.yesRate());
    this.searcherDesirabilityLogit = MutualProbability.logit(mine.desirability());
    this.baseLogit = MutualProbability.logit(baseRate);
    this.searcher = searcher;
    this.weights = weights.requireValid();
    this.self = searcher.self().traits();
    this.year = searcher.now().atOffset(ZoneOffset.UTC).getYear();
    this.selfAgeBand = self.ageBand(year);
    this.located = self.located();
    this.nowEpochS = searcher.now().getEpochSecond();
    this.recencyHalfLifeS = weights.recencyHalfLife().toSeconds();
    this.contextSum = weights.contextWeightSum();
    this.searcherIdHash = searcher.userId().hashCode();
    this.compat = new CompatLookup(searcher.self().preferences(), self, selfAgeBand);
    MutualProbability mutual = weights.mutual();
    this.bounded = mutual != null && mutual.forward().compat() >= 0 && mutual.forward().peers() >= 0
        && mutual.backward().compat() >= 0 && mutual.backward().peers() >= 0;
    this.searcherDecides = peers.decides(searcher.userId());
    this.searcherDecidedOn = peers.decidedOn(searcher.userId());
  }

  /** The first rule that keeps this candidate out, or null when they may be suggested. */
  public Exclusion exclusion(MatchCandidate candidate) {
    String id = candidate.userId();
    if (id.equals(searcher.userId())) return Exclusion.SELF;
    if (!candidate.tenant().equals(searcher.tenant())) return Exclusion.OTHER_TENANT;
    if (searcher.blockedBySearcher().contains(id)) return Exclusion.BLOCKED_BY_SEARCHER;
    if (searcher.blockedSearcher().contains(id)) return Exclusion.BLOCKED_SEARCHER;
    if (searcher.passed().contains(id)) return Exclusion.PASSED;
    if (searcher.matched().contains(id)) return Exclusion.ALREADY_MATCHED;
    if (searcher.decided().contains(id)) return Exclusion.DECIDED;
    if (distanceKm(candidate.row().values, 0) > weights.maxDistanceKm()) return Exclusion.TOO_FAR;
    return null;
  }

  /** The score in [0, 1], or -1 when the candidate is excluded. */
  public double score(MatchCandidate candidate) {
    return !excludedBeforeDistance(candidate) && compute(candidate, candidate.row().values, 0, NO_FLOOR)
        ? components[SCORE] : -1;
  }

  /**
   * The hot path of daily matches: {@link #score} without the rules before distance (self, tenant, blocks,
   * decisions), which the caller applies with {@link #excludedBeforeDistance} to the few candidates that score high
   * enough to be kept. Those rules read the candidate's id, one more object per candidate.
   *
   * <p>-1 as well for a candidate who cannot score above {@code floor} (none when negative): their score with both
   * compats and both leans at their ceilings is worked out first, from the row's head alone, and only a
   * candidate whose ceiling is above the floor gets compat's term loops and the lean of their peers. The ceiling is
   * the score's own formula with no input smaller, and each of its steps is monotone under rounding, so it is never
   * below the score: the same candidates come out above the floor either way.
   */
  double scoreWithinDistance(MatchCandidate candidate, double floor) {
    return compute(candidate, candidate.row().values, 0, floor) ? components[SCORE] : -1;
  }

  /**
   * As {@link #scoreWithinDistance(MatchCandidate, double)} for the i-th of an array: the ceiling from its heads, so
   * only a candidate above the floor is read.
   */
  double scoreWithinDistance(CandidateArray array, int i, double floor) {
    return compute(array.get(i), array.heads(), i * ScoringRow.HEAD, floor) ? components[SCORE] : -1;
  }

  /** The score with its breakdown, or null when the candidate is excluded. */
  public ReciprocalScore explain(MatchCandidate candidate) {
    if (excludedBeforeDistance(candidate) || !compute(candidate, candidate.row().values, 0, NO_FLOOR)) return null;
    Map<String, Double> breakdown = new LinkedHashMap<>();
    for (int i = 0; i < NAMES.length; i++) breakdown.put(NAMES[i], components[i]);
    return new ReciprocalScore(candidate.userId(), components[SCORE], breakdown);
  }

  /**
   * The most this candidate can score, in the way {@link #scoreWithinDistance} bounds it (a bound only with a
   * P(mutual) model whose slopes are not negative); -1 when too far.
   */
  double ceiling(MatchCandidate candidate) {
    double[] row = candidate.row().values;
    return context(candidate, row, 0) ? ceiling(candidate, row, 0) : -1;
  }

  /**
   * Works out every component but the rules before distance, from the candidate's {@link ScoringRow} (one array,
   * not their objects) whose head is also at {@code at} of {@code head}; false when the candidate is too far or
   * their ceiling is not above {@code floor}. The candidate's own objects are read only past the ceiling.
   */
  private boolean compute(MatchCandidate candidate, double[] head, int at, double floor) {
    if (!context(candidate, head, at)) return false;
    if (floor >= 0 && bounded && ceiling(candidate, head, at) <= floor) return false;
    double[] row = candidate.row().values;
    double[] c = components;
    c[FORWARD] = compat.forward(row, ScoringRow.ageBand(head, at, year), distanceBand);
    c[BACKWARD] = compat.backward(row, distanceBand);
    c[PEER_FORWARD] = peers.lean(searcher.userId(), candidate.userId());
    c[PEER_BACKWARD] = peers.lean(candidate.userId(), searcher.userId());
    combine(head, at);
    return true;
  }

  /** {@link #combine} with both compats and both leans at their ceilings. */
  private double ceiling(MatchCandidate candidate, double[] head, int at) {
    double[] c = components;
    c[FORWARD] = compat.highestForward(head, at, ScoringRow.ageBand(head, at, year), distanceBand);
    c[BACKWARD] = head[at + ScoringRow.HIGHEST_COMPAT];
    c[PEER_FORWARD] = searcherDecides && peers.decidedOn(candidate.userId()) ? PeerLean.ABOVE_ANY_LEAN : 0;
    c[PEER_BACKWARD] = searcherDecidedOn && peers.decides(candidate.userId()) ? PeerLean.ABOVE_ANY_LEAN : 0;
    combine(head, at);
    return c[SCORE];
  }

  /**
   * The components that neither compat nor lean are part of, and the distance band, from the candidate's head at
   * {@code at}; false when the candidate is too far.
   */
  private boolean context(MatchCandidate candidate, double[] head, int at) {
    double km = distanceKm(head, at);
    if (km > weights.maxDistanceKm()) return false;
    distanceBand = DistanceBand.of(km);
    double[] c = components;
    c[DESIRABILITY] = head[at + ScoringRow.DESIRABILITY];
    c[YES_RATE] = head[at + ScoringRow.YES_RATE];
    c[SEARCHER_YES_RATE] = searcherYesRate;
    c[SEARCHER_DESIRABILITY] = searcherDesirability;
    c[COMPLETENESS] = head[at + ScoringRow.COMPLETENESS];
    c[RECENCY] = recency(head, at);
    c[DISTANCE_KM] = km;
    c[DISTANCE] = km < 0 ? 0.5 : 1 - km / weights.maxDistanceKm();
    c[MUTUAL] =
        (saturate(searcher.interestShown(), candidate) + saturate(searcher.interestReceived(), candidate)) / 2;
    c[CONTEXT] = contextSum == 0 ? 1 : (weights.completeness() * c[COMPLETENESS] + weights.recency() * c[RECENCY]
        + weights.distance() * c[DISTANCE] + weights.mutualInterest() * c[MUTUAL]) / contextSum;
    if (weights.mutual() != null) {
      context[0] = c[COMPLETENESS];
      context[1] = c[RECENCY];
      context[2] = c[DISTANCE];
      context[3] = c[MUTUAL];
    }
    return true;
  }

  /** The reciprocal part and the score from the components (both compats and leans set) and the head at {@code at}. */
  private void combine(double[] head, int at) {
    double[] c = components;
    MutualProbability mutual = weights.mutual();
    // This side's view: own taste and how others see the candidate; the other side's: their taste and how readily
    // they say yes at all. History counts as far as there is some: without any, the views are the compats alone.
    double received = weights.historyShare() * head[at + ScoringRow.RECEIVED_WEIGHT],
        given = weights.historyShare() * head[at + ScoringRow.GIVEN_WEIGHT];
    c[RECIPROCAL] = mutual != null
        ? mutual.forwardOfLogit(head[at + ScoringRow.DESIRABILITY_LOGIT], c[FORWARD], c[PEER_FORWARD],
            searcherYesLogit, baseLogit, context)
            * mutual.backwardOfLogit(head[at + ScoringRow.YES_RATE_LOGIT], c[BACKWARD], c[PEER_BACKWARD],
                searcherDesirabilityLogit, baseLogit, context)
        : ReciprocalScore.harmonicMean((1 - received) * c[FORWARD] + received * c[DESIRABILITY],
        (1 - given) * c[BACKWARD] + given * c[YES_RATE]);
    c[SCORE] = mutual != null && mutual.contextInSides()
        ? c[RECIPROCAL]
        : c[RECIPROCAL] * ((1 - weights.contextShare()) + weights.contextShare() * c[CONTEXT]);
  }

  /**
   * The same rules as {@link #exclusion} up to distance, ordered for speed: the cached string hash settles almost
   * every self comparison, and empty sets are skipped without hashing.
   */
  boolean excludedBeforeDistance(MatchCandidate candidate) {
    String id = candidate.userId();
    return (id.hashCode() == searcherIdHash && id.equals(searcher.userId()))
        || !candidate.tenant().equals(searcher.tenant())
        || (!searcher.blockedBySearcher().isEmpty() && searcher.blockedBySearcher().contains(id))
        || (!searcher.blockedSearcher().isEmpty() && searcher.blockedSearcher().contains(id))
        || (!searcher.passed().isEmpty() && searcher.passed().contains(id))
        || (!searcher.matched().isEmpty() && searcher.matched().contains(id))
        || (!searcher.decided().isEmpty() && searcher.decided().contains(id));
  }

  /** Kilometres, or -1 when either side has no usable location (then distance neither excludes nor helps). */
  private double distanceKm(double[] head, int at) {
    return ScoringRow.located(head, at)
        ? distanceKm(head[at + ScoringRow.LAT], head[at + ScoringRow.LON], head[at + ScoringRow.COS_LAT]) : -1;
  }

  /** To a located candidate. */
  private double distanceKm(double latRad, double lonRad, double cosLat) {
    if (!located) return -1;
    // the latitude gap alone is a lower bound on the distance, and it needs no trigonometry
    if (Math.abs(latRad - self.latRad()) * KM_PER_RADIAN > weights.maxDistanceKm()) return Double.POSITIVE_INFINITY;
    return Traits.distanceKm(self.latRad(), self.lonRad(), self.cosLat(), latRad, lonRad, cosLat);
  }

  private double recency(double[] head, int at) {
    double lastActiveS = head[at + ScoringRow.LAST_ACTIVE_S];
    if (Double.isNaN(lastActiveS)) return 0;
    long idleS = Math.max(0, nowEpochS - (long) lastActiveS);
    return Math.exp(-LN2 * idleS / recencyHalfLifeS);
  }

  /** Net evidence to [0, 1): the first favorite counts most, and negative evidence (a block, unfavorite) as none. */
  private static double saturate(Map<String, Double> interest, MatchCandidate candidate) {
    Double evidence = interest.isEmpty() ? null : interest.get(candidate.userId());
    return evidence == null || evidence <= 0 ? 0 : 1 - Math.exp(-evidence);
  }
}
