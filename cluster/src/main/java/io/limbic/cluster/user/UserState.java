package io.limbic.cluster.user;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserEmotion;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.BecameActive;
import io.limbic.protocol.user.UserEvent.EmotionObserved;
import io.limbic.protocol.user.UserEvent.HeartbeatRecorded;
import io.limbic.protocol.user.UserEvent.Identified;
import io.limbic.protocol.user.UserEvent.ProductEventRecorded;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the journal says about a user. {@code lastActiveAt} here is the latest <em>persisted</em> heartbeat; the
 * entity keeps the coalesced ones in memory on top of it.
 *
 * @param recentEventIds ids of the latest {@link #REMEMBERED_EVENT_IDS} product events, oldest first: a retry of
 *     any of them is recognised
 */
public record UserState(
    String tenant, String userId, boolean known, Instant activeSince, Instant lastActiveAt, long heartbeats,
    UserEmotion emotion, Map<String, BigDecimal> lifetimeValue, String company, List<String> recentEventIds,
    MatchingState matching) implements CborSerializable {
  static final int REMEMBERED_EVENT_IDS = 1000;

  public static UserState empty(String tenant, String userId) {
    return new UserState(tenant, userId, false, null, null, 0, null, Map.of(), null, List.of(), MatchingState.empty());
  }

  public boolean isKnown() {
    return known;
  }

  /** Lifetime value as one number for prioritising work: the sum over currencies (a ranking, not accounting). */
  public double value() {
    return lifetimeValue.values().stream().mapToDouble(BigDecimal::doubleValue).sum();
  }

  public boolean hasRecorded(String eventId) {
    return recentEventIds.contains(eventId);
  }

  public UserState apply(UserEvent event) {
    if (matching.handles(event)) {
      return new UserState(tenant, userId, true, activeSince, lastActiveAt, heartbeats, emotion, lifetimeValue,
          company, recentEventIds, matching.apply(event));
    }
    if (event instanceof BecameActive e) {
      return with(e.at(), e.at(), heartbeats + e.heartbeats(), emotion, lifetimeValue, company, recentEventIds);
    }
    if (event instanceof HeartbeatRecorded e) {
      Instant last = latest(lastActiveAt, e.at());
      return with(activeSince, last, heartbeats + e.heartbeats(), emotion, lifetimeValue, company, recentEventIds);
    }
    if (event instanceof EmotionObserved e) {
      UserEmotion observed = new UserEmotion(e.state(), e.label(), e.confidence(), e.sessionId(), e.at());
      return with(activeSince, lastActiveAt, heartbeats, observed, lifetimeValue, company, recentEventIds);
    }
    if (event instanceof Identified e) {
      String newCompany = e.company() != null ? e.company() : company;
      return with(activeSince, lastActiveAt, heartbeats, emotion, lifetimeValue, newCompany, recentEventIds);
    }
    ProductEventRecorded e = (ProductEventRecorded) event;
    return with(activeSince, lastActiveAt, heartbeats, emotion, addValue(e), company, remember(e.eventId()));
  }

  private Map<String, BigDecimal> addValue(ProductEventRecorded e) {
    int sign = ProductEvent.valueSign(e.type());
    if (sign == 0 || e.amount() == null) return lifetimeValue;
    Map<String, BigDecimal> value = new TreeMap<>(lifetimeValue);
    BigDecimal delta = sign > 0 ? e.amount() : e.amount().negate();
    value.merge(e.currency(), delta, BigDecimal::add);
    return Map.copyOf(value);
  }

  private List<String> remember(String eventId) {
    LinkedHashSet<String> ids = new LinkedHashSet<>(recentEventIds);
    ids.add(eventId);
    List<String> list = new ArrayList<>(ids);
    return List.copyOf(list.subList(Math.max(0, list.size() - REMEMBERED_EVENT_IDS), list.size()));
  }

  private UserState with(
      Instant since, Instant last, long beats, UserEmotion emo, Map<String, BigDecimal> ltv, String comp,
      List<String> ids) {
    return new UserState(tenant, userId, true, since, last, beats, emo, ltv, comp, ids, matching);
  }

  static Instant latest(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isAfter(b) ? a : b;
  }
}
