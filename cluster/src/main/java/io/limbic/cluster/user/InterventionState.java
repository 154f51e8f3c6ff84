package io.limbic.cluster.user;

import io.limbic.analytics.interventions.Exposure;
import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.InterventionDecided;
import io.limbic.protocol.user.UserEvent.InterventionDelivered;
import io.limbic.protocol.user.UserEvent.InterventionEvent;
import io.limbic.protocol.user.UserEvent.InterventionOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's recent intervention decisions: open episodes (sticky choice, attribution) and a few closed ones (so a
 * late delivery report is still recognised). Bounded by {@link #KEPT}: the oldest is forgotten first.
 */
public record InterventionState(List<Entry> entries) implements CborSerializable {
  static final int KEPT = 32;

  /** One decision; {@code outcome} null until one is attributed. */
  public record Entry(
      String decisionId, String contextId, String variantId, Instant at, Instant until, String successEvent,
      String failureEvent, boolean delivered, String outcome) implements CborSerializable {
    Exposure exposure() {
      return new Exposure(decisionId, contextId, variantId, at, until, successEvent, failureEvent);
    }
  }

  public InterventionState {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  public static InterventionState empty() {
    return new InterventionState(List.of());
  }

  boolean handles(UserEvent event) {
    return event instanceof InterventionEvent;
  }

  List<Exposure> exposures() {
    return entries.stream().map(Entry::exposure).toList();
  }

  Entry entry(String decisionId) {
    return entries.stream().filter(e -> e.decisionId().equals(decisionId)).findFirst().orElse(null);
  }

  /** Open decisions (not held out or held out alike) without an outcome, whose window contains {@code at}. */
  List<Entry> awaitingOutcome(Instant at) {
    return entries.stream().filter(e -> e.outcome() == null && e.exposure().openAt(at)).toList();
  }

  InterventionState apply(UserEvent event) {
    List<Entry> next = new ArrayList<>(entries);
    if (event instanceof InterventionDecided d) {
      next.add(new Entry(d.decisionId(), d.contextId(), d.variantId(), d.at(), d.until(), d.successEvent(),
          d.failureEvent(), false, null));
      while (next.size() > KEPT) next.remove(0);
    } else if (event instanceof InterventionOutcome o) {
      next.replaceAll(e -> e.decisionId().equals(o.decisionId())
          ? new Entry(e.decisionId(), e.contextId(), e.variantId(), e.at(), e.until(), e.successEvent(),
              e.failureEvent(), e.delivered(), o.outcome())
          : e);
    } else if (event instanceof InterventionDelivered d && d.delivered()) {
      next.replaceAll(e -> e.decisionId().equals(d.decisionId())
          ? new Entry(e.decisionId(), e.contextId(), e.variantId(), e.at(), e.until(), e.successEvent(),
              e.failureEvent(), true, e.outcome())
          : e);
    }
    return new InterventionState(next);
  }
}
