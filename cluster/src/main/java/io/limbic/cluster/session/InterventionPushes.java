package io.limbic.cluster.session;

import io.limbic.protocol.intervention.InterventionPush;
import io.limbic.protocol.session.SessionPush;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

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

  /**
   * Publishes unless already delivered to a socket; how many sockets have it ({@code sockets}: those counted on this
   * session, which the census rebuilds after a passivation or a move).
   */
  int push(InterventionPush push, int sockets, Consumer<SessionPush> publish) {
    Integer before = reached.get(push.idempotencyKey());
    if (before != null && before > 0) return before;
    publish.accept(SessionPush.intervention(push));
    reached.put(push.idempotencyKey(), sockets);
    return sockets;
  }
}
