package io.limbic.cluster.session;

import io.limbic.protocol.intervention.InterventionPush;
import io.limbic.protocol.session.SessionPush;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The in-page interventions this session incarnation pushed, by idempotency key (the last few only): the hot path
 * and the delivery agent both push each decision, and a socket that already got it is not sent it again. A new
 * incarnation forgets them, so a repeat may reach the browser; the SDK drops it by the same key.
 */
final class InterventionPushes {
  private static final int REMEMBERED = 64;

  private final Map<String, Integer> reached =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** Pushes unless already delivered to a socket; how many sockets have it. */
  int push(InterventionPush push, Set<ActorRef<SessionPush>> subscribers) {
    Integer before = reached.get(push.idempotencyKey());
    if (before != null && before > 0) return before;
    SessionPush message = SessionPush.intervention(push);
    subscribers.forEach(s -> s.tell(message));
    reached.put(push.idempotencyKey(), subscribers.size());
    return subscribers.size();
  }
}
