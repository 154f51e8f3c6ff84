package io.limbic.projections.erasure;

import io.limbic.protocol.session.SessionEvent;
import io.limbic.protocol.user.DailyMatch;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.IdlePhaseCompleted;
import io.limbic.protocol.user.UserEvent.InteractionRecorded;
import io.limbic.protocol.user.UserEvent.MatchActionRecorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a read model may still learn from an event once people were erased: nothing from an erased person's own
 * event, nothing from another user's decision or interaction about them, and another user's daily matches without
 * them. Pure: the caller says who is erased.
 */
public final class Redaction {
  private Redaction() {}

  /** Every user id the event names: its owner and the people it is about. */
  public static Set<String> named(UserEvent event) {
    List<String> ids = new ArrayList<>(List.of(event.userId()));
    if (event instanceof MatchActionRecorded e && e.candidateId() != null) ids.add(e.candidateId());
    if (event instanceof InteractionRecorded e) {
      if (e.interaction().from() != null) ids.add(e.interaction().from());
      if (e.interaction().to() != null) ids.add(e.interaction().to());
    }
    if (event instanceof IdlePhaseCompleted e && e.matches() != null) {
      for (DailyMatch m : e.matches()) ids.add(m.userId());
    }
    return Set.copyOf(ids);
  }

  /** The event as a read model may see it, or empty when it must not see it at all. */
  public static Optional<UserEvent> redact(UserEvent event, Predicate<String> erased) {
    if (erased.test(event.userId())) return Optional.empty();
    if (event instanceof MatchActionRecorded e && e.candidateId() != null && erased.test(e.candidateId())) {
      return Optional.empty();
    }
    if (event instanceof InteractionRecorded e
        && (erased.test(e.interaction().from()) || erased.test(e.interaction().to()))) {
      return Optional.empty();
    }
    if (event instanceof IdlePhaseCompleted e && e.matches() != null
        && e.matches().stream().anyMatch(m -> erased.test(m.userId()))) {
      List<DailyMatch> kept = e.matches().stream().filter(m -> !erased.test(m.userId())).toList();
      return Optional.of(new IdlePhaseCompleted(e.tenant(), e.userId(), e.at(), e.idleSince(), e.phase(),
          e.phaseName(), e.result(), kept, e.candidatesConsidered()));
    }
    return Optional.of(event);
  }

  /** Whether a session event may reach a read model: not if its session or its user was erased. */
  public static boolean keeps(SessionEvent event, Predicate<String> erasedSession, Predicate<String> erasedUser) {
    if (erasedSession.test(event.sessionId())) return false;
    return event.userId() == null || !erasedUser.test(event.userId());
  }
}
