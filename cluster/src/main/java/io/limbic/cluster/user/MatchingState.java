package io.limbic.cluster.user;

import io.limbic.analytics.matching.InteractionType;
import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.UserEvent.PersonForgotten;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.ProfileData;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.PhaseResult;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import io.limbic.protocol.user.UserEvent.InteractionRecorded;
import io.limbic.protocol.user.UserEvent.MatchActionRecorded;
import io.limbic.protocol.user.UserEvent.ProfileUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a user that matching needs: profile, recent interactions, blocks both ways, feedback on matches, and
 * the progress and results of the idle-time phases of the current idle period.
 *
 * @param interactions the latest {@link #REMEMBERED} interactions either way, oldest first
 * @param phasesIdleSince the idle period {@code completedPhases} belongs to
 * @param phaseResults the latest result of each phase name, the least recently completed name first (the order a
 *     snapshot keeps: it is written and read as an object whose fields keep their order)
 */
public record MatchingState(
    ProfileData profile, List<InteractionData> interactions, Set<String> blockedByMe, Set<String> blockedMe,
    List<Feedback> feedback, Instant phasesIdleSince, int completedPhases, Map<String, PhaseResult> phaseResults,
    List<DailyMatch> dailyMatches, Instant matchesGeneratedAt) implements CborSerializable {
  static final int REMEMBERED = 500;
  /**
   * Daily matches kept from one phase's list (the best first); {@code limbic.idle.matches-per-day} is 10 by default,
   * a larger setting is cut here.
   */
  static final int MAX_DAILY_MATCHES = 100;
  /**
   * Phase results kept, one per phase name: the schedule names a few phases; past these, the name completed least
   * recently gives way (a schedule changed to new names keeps the new ones, not the first sixteen ever run).
   */
  static final int MAX_PHASE_RESULTS = 16;

  /** An action on one of the user's matches. */
  public record Feedback(String matchId, String candidateId, String action, Instant at) implements CborSerializable {}

  public static MatchingState empty() {
    return new MatchingState(null, List.of(), Set.of(), Set.of(), List.of(), null, 0, Map.of(), List.of(), null);
  }

  public boolean handles(UserEvent event) {
    return event instanceof ProfileUpdated || event instanceof InteractionRecorded
        || event instanceof IdlePhaseCompleted || event instanceof MatchActionRecorded
        || event instanceof PersonForgotten;
  }

  /** Phases completed in the idle period that began at {@code idleSince}. */
  public int completedFor(Instant idleSince) {
    return idleSince != null && idleSince.equals(phasesIdleSince) ? completedPhases : 0;
  }

  public boolean hasInteraction(String id) {
    for (InteractionData i : interactions) if (i.id().equals(id)) return true;
    return false;
  }

  /**
   * Whether this action was already taken on this match. Only matches of the current daily list take actions, at
   * most three kinds each, so the feedback of the current list is always among the last {@link #REMEMBERED}.
   */
  public boolean hasAction(String matchId, String action) {
    for (Feedback f : feedback) if (f.matchId().equals(matchId) && f.action().equals(action)) return true;
    return false;
  }

  public MatchingState apply(UserEvent event) {
    if (event instanceof ProfileUpdated e) return withProfile(e.profile());
    if (event instanceof InteractionRecorded e) return withInteraction(e.interaction(), e.outgoing());
    if (event instanceof MatchActionRecorded e) return withFeedback(new Feedback(e.matchId(), e.candidateId(), e.action(), e.at()));
    if (event instanceof PersonForgotten e) return without(e.otherUserId());
    IdlePhaseCompleted e = (IdlePhaseCompleted) event;
    boolean deep = !e.matches().isEmpty() || e.phaseName().equals("deep");
    List<DailyMatch> matches = e.matches().size() > MAX_DAILY_MATCHES
        ? List.copyOf(e.matches().subList(0, MAX_DAILY_MATCHES)) : e.matches();
    return new MatchingState(profile, interactions, blockedByMe, blockedMe, feedback, e.idleSince(), e.phase(),
        withResult(phaseResults, e.phaseName(), e.result()), deep ? matches : dailyMatches,
        deep ? e.at() : matchesGeneratedAt);
  }

  /**
   * {@code results} with {@code name}'s result as the most recent; past {@link #MAX_PHASE_RESULTS} names, the least
   * recently completed go.
   */
  static Map<String, PhaseResult> withResult(Map<String, PhaseResult> results, String name, PhaseResult result) {
    Map<String, PhaseResult> next = new LinkedHashMap<>(results);
    next.remove(name);
    next.put(name, result);
    Iterator<String> oldest = next.keySet().iterator();
    while (next.size() > MAX_PHASE_RESULTS) {
      oldest.next();
      oldest.remove();
    }
    return Collections.unmodifiableMap(next);
  }

  /** An erased person leaves this user's matches, interactions, decisions and blocks. */
  private MatchingState without(String other) {
    List<InteractionData> kept = interactions.stream()
        .filter(i -> !other.equals(i.from()) && !other.equals(i.to())).toList();
    Set<String> byMe = new HashSet<>(blockedByMe);
    Set<String> me = new HashSet<>(blockedMe);
    byMe.remove(other);
    me.remove(other);
    List<Feedback> decided = feedback.stream().filter(f -> !other.equals(f.candidateId())).toList();
    List<DailyMatch> matches = dailyMatches.stream().filter(d -> !other.equals(d.userId())).toList();
    return new MatchingState(profile, kept, Set.copyOf(byMe), Set.copyOf(me), decided, phasesIdleSince,
        completedPhases, phaseResults, matches, matchesGeneratedAt);
  }

  private MatchingState withProfile(ProfileData p) {
    return new MatchingState(p, interactions, blockedByMe, blockedMe, feedback, phasesIdleSince, completedPhases,
        phaseResults, dailyMatches, matchesGeneratedAt);
  }

  private MatchingState withInteraction(InteractionData i, boolean outgoing) {
    List<InteractionData> list = new ArrayList<>(interactions);
    list.add(i);
    if (list.size() > REMEMBERED) list = list.subList(list.size() - REMEMBERED, list.size());
    Set<String> byMe = new HashSet<>(blockedByMe);
    Set<String> me = new HashSet<>(blockedMe);
    String other = outgoing ? i.to() : i.from();
    Set<String> side = outgoing ? byMe : me;
    if (i.type().equals("block")) side.add(other);
    if (i.type().equals("unblock")) side.remove(other);
    return new MatchingState(profile, List.copyOf(list), Set.copyOf(byMe), Set.copyOf(me), feedback, phasesIdleSince,
        completedPhases, phaseResults, dailyMatches, matchesGeneratedAt);
  }

  private MatchingState withFeedback(Feedback f) {
    List<Feedback> list = new ArrayList<>(feedback);
    list.add(f);
    if (list.size() > REMEMBERED) list = list.subList(list.size() - REMEMBERED, list.size());
    return new MatchingState(profile, interactions, blockedByMe, blockedMe, List.copyOf(list), phasesIdleSince,
        completedPhases, phaseResults, dailyMatches, matchesGeneratedAt);
  }

  /**
   * Someone this user decided on through an interaction (favorite, unfavorite, pass, message, reply, call) among
   * the last {@link #REMEMBERED}: never suggested again, also not from a list generated before the decision.
   */
  public boolean isDecided(String other) {
    for (InteractionData i : interactions) {
      if (other.equals(i.to()) && !other.equals(i.from())
          && InteractionType.parse(i.type()).map(InteractionType::decides).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** Anyone blocked either way or decided on: not shown among the day's matches. */
  public boolean isHidden(String other) {
    return isBlocked(other) || isDecided(other);
  }

  /** Whether this user blocked nobody and nobody blocked them: then {@link #isBlocked} is false for everyone. */
  public boolean blocksNobody() {
    return blockedByMe.isEmpty() && blockedMe.isEmpty();
  }

  /** Anyone blocked either way: never a match, whatever phase is running. */
  public boolean isBlocked(String other) {
    // the empty checks first: most users block nobody, and a caller asking for many people may not check first
    return (!blockedByMe.isEmpty() && blockedByMe.contains(other))
        || (!blockedMe.isEmpty() && blockedMe.contains(other));
  }
}
