package io.limbic.analytics.session.emotion;

import io.limbic.analytics.session.signal.SignalEvent;
import io.limbic.analytics.session.signal.SignalKind;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * What happened recently that the classifier weighs by age: signals, click chains and page responses within the
 * signal window. Evidence fades rather than vanishing: an item of age {@code a} counts {@code 0.5^(a / halfLife)},
 * so a burst 5 s ago counts half and one 10 s ago a quarter, and the reading drifts back to calm gradually instead of
 * flipping when the pointer stops. Past the window an item is dropped (with the default 15 s window and 5 s half-life
 * it then counts 1/8). The raw counts over the window stay available for the evidence a person reads.
 */
public final class RecentEvidence {
  /** Half-life of recent evidence; part of the model (the shipped weights were fitted with it). */
  public static final long DEFAULT_HALF_LIFE_MS = 5_000;

  private record Chain(long t, int clicks) {}

  private final long windowMs;
  private final long halfLifeMs;
  private final ArrayDeque<SignalEvent> signals = new ArrayDeque<>();
  private final ArrayDeque<Chain> chains = new ArrayDeque<>();
  private final ArrayDeque<Long> responses = new ArrayDeque<>();

  public RecentEvidence(long windowMs, long halfLifeMs) {
    if (windowMs < 1 || halfLifeMs < 1) throw new IllegalArgumentException("window and half-life must be positive");
    this.windowMs = windowMs;
    this.halfLifeMs = halfLifeMs;
  }

  public void signal(SignalEvent e) {
    signals.addLast(e);
  }

  /** A click at {@code t} that made the chain of quick clicks on one spot {@code chainClicks} long. */
  public void click(long t, int chainClicks) {
    chains.addLast(new Chain(t, chainClicks));
  }

  /** A mutation or navigation: the page answered. */
  public void response(long t) {
    responses.addLast(t);
  }

  /** Forgets what is older than the window at {@code now}. */
  public void expire(long now) {
    long cutoff = now - windowMs;
    while (!signals.isEmpty() && signals.peekFirst().at() <= cutoff) signals.pollFirst();
    while (!chains.isEmpty() && chains.peekFirst().t() <= cutoff) chains.pollFirst();
    while (!responses.isEmpty() && responses.peekFirst() <= cutoff) responses.pollFirst();
  }

  /** Signal counts over the window, unweighted (what the evidence shows). */
  public Map<SignalKind, Integer> counts() {
    Map<SignalKind, Integer> counts = new EnumMap<>(SignalKind.class);
    for (SignalEvent e : signals) counts.merge(e.kind(), 1, Integer::sum);
    return counts;
  }

  /** Signal counts over the window, each weighted by its age at {@code now}. */
  public Map<SignalKind, Double> faded(long now) {
    Map<SignalKind, Double> faded = new EnumMap<>(SignalKind.class);
    for (SignalEvent e : signals) faded.merge(e.kind(), weight(now, e.at()), Double::sum);
    return faded;
  }

  /** The longest click chain in the window, its length weighted by its age. */
  public double fadedLongestChain(long now) {
    double longest = 0;
    for (Chain c : chains) longest = Math.max(longest, c.clicks() * weight(now, c.t()));
    return longest;
  }

  /** Clicks beyond the second in the longest chain, weighted by age: a double click is word selection. */
  public double fadedChainExcess(long now) {
    double excess = 0;
    for (Chain c : chains) excess = Math.max(excess, Math.max(0, c.clicks() - 2) * weight(now, c.t()));
    return excess;
  }

  /**
   * Whether the longest chain in the window is a double or triple click, the way text is selected, weighted by its
   * age; 0 when there is no chain or a longer one.
   */
  public double fadedSelectionChain(long now) {
    Chain longest = null;
    for (Chain c : chains) if (longest == null || c.clicks() >= longest.clicks()) longest = c;
    if (longest == null || longest.clicks() < 2 || longest.clicks() > 3) return 0;
    return weight(now, longest.t());
  }

  public int clicks() {
    return chains.size();
  }

  public int responses() {
    return responses.size();
  }

  private double weight(long now, long at) {
    return Math.pow(0.5, Math.max(0, now - at) / (double) halfLifeMs);
  }
}
