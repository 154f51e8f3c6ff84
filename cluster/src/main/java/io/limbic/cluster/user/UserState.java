package io.limbic.cluster.user;

import io.limbic.analytics.engagement.EngagementFacts;
import io.limbic.analytics.events.EventIdWindow;
import io.limbic.analytics.time.EpochMillis;
import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.user.Engagement;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserEmotion;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.EmotionObserved;
import io.limbic.protocol.user.UserEvent.EngagementChanged;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import io.limbic.protocol.user.UserEvent.Identified;
import io.limbic.protocol.user.UserEvent.ProductEventRecorded;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import io.limbic.protocol.user.UserEvent.UserAtRisk;
import io.limbic.protocol.user.UserEvent.UserErased;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the journal says about a user. {@code lastActiveAt} here is the latest <em>persisted</em> heartbeat; the
 * entity keeps the coalesced ones in memory on top of it.
 *
 * @param eventIds the product-event ids recorded within the deduplication window (and possibly a little longer:
 *     they are forgotten only when a later recording says so): a retry of any of them is recognised, however many
 *     came in between. Bounded by the user's cap of ids per window, which {@link User} enforces.
 * @param engagementFacts what the churn-risk score is computed from, folded from activity, emotion and product
 *     events (bounded)
 * @param engagement the engagement level as the last {@code UserAtRisk} / {@code UserEngaged} left it; null before
 * @param emotionIds the ids ({@code persistenceId:sequenceNr} of the session's event) of the last
 *     {@link #MAX_EMOTION_IDS} emotions recorded, oldest first: a session's redelivery of one of them changes nothing
 */
public record UserState(
    String tenant, String userId, boolean known, Instant activeSince, Instant lastActiveAt, long heartbeats,
    UserEmotion emotion, Map<String, BigDecimal> lifetimeValue, String company, EventIdWindow eventIds,
    MatchingState matching, EngagementFacts engagementFacts, Engagement engagement,
    InterventionState interventions, List<String> emotionIds, Instant erasedAt) implements CborSerializable {
  /** Sessions redeliver in order, one at a time, so a repeat is among the latest few; this leaves a wide margin. */
  public static final int MAX_EMOTION_IDS = 256;
  /**
   * Currencies one user's lifetime value is kept in (one amount each). {@link User} refuses an event with a value in
   * one more ({@code currency_limit}); a journal that holds more anyway (none written since) keeps the first ones.
   */
  public static final int MAX_CURRENCIES = 32;

  public UserState {
    // A snapshot older than the window has none (UserStateMigration turns its recent ids into one).
    if (eventIds == null) eventIds = EventIdWindow.empty();
    // A snapshot from before engagement was scored has no facts: its history starts from the snapshot.
    if (engagementFacts == null) engagementFacts = EngagementFacts.empty();
    // A snapshot from before interventions has none.
    if (interventions == null) interventions = InterventionState.empty();
    // A snapshot from before emotions were deduplicated (version 2) has none.
    if (emotionIds == null) emotionIds = List.of();
  }

  public static UserState empty(String tenant, String userId) {
    return new UserState(tenant, userId, false, null, null, 0, null, Map.of(), null, EventIdWindow.empty(),
        MatchingState.empty(), EngagementFacts.empty(), null, InterventionState.empty(), List.of(), null);
  }

  /** Whether the person was erased: the entity then holds nothing about them and refuses every command. */
  public boolean isErased() {
    return erasedAt != null;
  }

  public boolean hasRecordedEmotion(String emotionId) {
    return emotionId != null && emotionIds.contains(emotionId);
  }

  public boolean isKnown() {
    return known;
  }

  /** Whether a value in {@code currency} can be held: one already held, or room for one more. */
  public boolean holdsOrHasRoomFor(String currency, int newOnes) {
    return lifetimeValue.containsKey(currency) || lifetimeValue.size() + newOnes < MAX_CURRENCIES;
  }

  /** Lifetime value as one number for prioritising work: the sum over currencies (a ranking, not accounting). */
  public double value() {
    return lifetimeValue.values().stream().mapToDouble(BigDecimal::doubleValue).sum();
  }

  public UserState apply(UserEvent event) {
    // Erasure drops everything held; only the instant is kept, so the entity keeps refusing after a restart.
    if (event instanceof UserErased e) {
      UserState empty = empty(tenant, userId);
      return new UserState(tenant, userId, false, null, null, 0, null, Map.of(), null, empty.eventIds(),
          empty.matching(), empty.engagementFacts(), null, empty.interventions(), List.of(), e.at());
    }
    if (interventions.handles(event)) {
      return new UserState(tenant, userId, true, activeSince, lastActiveAt, heartbeats, emotion, lifetimeValue,
          company, eventIds, matching, engagementFacts, engagement, interventions.apply(event), emotionIds, erasedAt);
    }
    if (matching.handles(event)) {
      return new UserState(tenant, userId, true, activeSince, lastActiveAt, heartbeats, emotion, lifetimeValue,
          company, eventIds, matching.apply(event), engagementFacts, engagement, interventions, emotionIds, erasedAt);
    }
    if (event instanceof EngagementChanged e) {
      String level = e instanceof UserAtRisk ? Engagement.AT_RISK : Engagement.ENGAGED;
      Engagement changed = new Engagement(level, e.score(), e.reasons(), e.data(), e.at(), e.cause());
      return new UserState(tenant, userId, true, activeSince, lastActiveAt, heartbeats, emotion, lifetimeValue,
          company, eventIds, matching, engagementFacts, changed, interventions, emotionIds, erasedAt);
    }
    if (event instanceof BecameActive e) {
      return with(e.at(), e.at(), heartbeats + e.heartbeats(), emotion, lifetimeValue, company, eventIds,
          engagementFacts.withPeriodStart(lastActiveAt, e.at()));
    }
    if (event instanceof HeartbeatRecorded e) {
      Instant last = latest(lastActiveAt, e.at());
      return with(activeSince, last, heartbeats + e.heartbeats(), emotion, lifetimeValue, company, eventIds,
          engagementFacts);
    }
    if (event instanceof EmotionObserved e) {
      UserEmotion observed = new UserEmotion(e.state(), e.label(), e.confidence(), e.sessionId(), e.at());
      return new UserState(tenant, userId, true, activeSince, lastActiveAt, heartbeats, observed, lifetimeValue,
          company, eventIds, matching, engagementFacts.withEmotion(e.state(), e.at()), engagement, interventions,
          remember(emotionIds, e.emotionId()), erasedAt);
    }
    if (event instanceof Identified e) {
      String newCompany = e.company() != null ? e.company() : company;
      return with(activeSince, lastActiveAt, heartbeats, emotion, lifetimeValue, newCompany, eventIds,
          engagementFacts);
    }
    if (event instanceof ProductEventsRecorded e) {
      Map<String, BigDecimal> value = new TreeMap<>(lifetimeValue);
      long[] hashes = new long[e.events().size()];
      EngagementFacts facts = engagementFacts;
      for (int i = 0; i < hashes.length; i++) {
        ProductEvent p = e.events().get(i);
        addValue(value, p.type(), p.amount(), p.currency());
        hashes[i] = EventIdWindow.hash(p.id());
        facts = facts.withOutcome(p.type(), p.at());
      }
      EventIdWindow ids =
          eventIds.record(hashes, EpochMillis.of(e.at()), EpochMillis.of(e.forgetIdsBefore()));
      return with(activeSince, lastActiveAt, heartbeats, emotion, Map.copyOf(value), company, ids, facts);
    }
    // An older journal's one-row-per-event form. It says when the event happened (a client time, maybe years back
    // for an import), not when it was recorded: like the snapshot migration, it counts as recorded when read, which
    // errs towards recognising a retry longer. Nothing is forgotten here (the next ProductEventsRecorded prunes).
    ProductEventRecorded e = (ProductEventRecorded) event;
    Map<String, BigDecimal> value = new TreeMap<>(lifetimeValue);
    addValue(value, e.type(), e.amount(), e.currency());
    EventIdWindow ids =
        eventIds.record(new long[] {EventIdWindow.hash(e.eventId())}, System.currentTimeMillis(), Long.MIN_VALUE);
    return with(activeSince, lastActiveAt, heartbeats, emotion, Map.copyOf(value), company, ids,
        engagementFacts.withOutcome(e.type(), e.at()));
  }

  private static void addValue(Map<String, BigDecimal> value, String type, BigDecimal amount, String currency) {
    int sign = ProductEvent.valueSign(type);
    if (sign == 0 || amount == null) return;
    if (!value.containsKey(currency) && value.size() >= MAX_CURRENCIES) return;
    value.merge(currency, sign > 0 ? amount : amount.negate(), BigDecimal::add);
  }

  private UserState with(
      Instant since, Instant last, long beats, UserEmotion emo, Map<String, BigDecimal> ltv, String comp,
      EventIdWindow ids, EngagementFacts facts) {
    return new UserState(
        tenant, userId, true, since, last, beats, emo, ltv, comp, ids, matching, facts, engagement, interventions,
        emotionIds, erasedAt);
  }

  private static List<String> remember(List<String> ids, String emotionId) {
    if (emotionId == null) return ids;
    List<String> kept = new ArrayList<>(ids.size() + 1);
    kept.addAll(ids.size() >= MAX_EMOTION_IDS ? ids.subList(ids.size() - MAX_EMOTION_IDS + 1, ids.size()) : ids);
    kept.add(emotionId);
    return List.copyOf(kept);
  }

  static Instant latest(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isAfter(b) ? a : b;
  }
}
