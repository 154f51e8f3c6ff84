package io.limbic.protocol.visitor;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.trace.Trace;
import io.limbic.protocol.trace.Traced;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.ProductEventsResult;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/**
 * An anonymous visitor (a tenant's {@code anonymousId}): holds the product events sent under that id until an
 * identify links it to a user, then hands them over; afterwards it forwards.
 */
public sealed interface VisitorCommand extends CborSerializable {

  EntityTypeKey<VisitorCommand> ENTITY_TYPE = EntityTypeKey.create(VisitorCommand.class, "Visitor");

  record Link(String userId, Trace trace, ActorRef<StatusReply<Done>> replyTo) implements VisitorCommand, Traced {
    public Link(String userId, ActorRef<StatusReply<Done>> replyTo) {
      this(userId, null, replyTo);
    }
  }

  record RecordProductEvents(
      List<ProductEvent> events, Trace trace, ActorRef<StatusReply<ProductEventsResult>> replyTo)
      implements VisitorCommand, Traced {
    public RecordProductEvents(List<ProductEvent> events, ActorRef<StatusReply<ProductEventsResult>> replyTo) {
      this(events, null, replyTo);
    }
  }

  /**
   * The linked user acknowledged the first {@code count} events of the chunk that began with {@code firstEventId};
   * 0: it refused them for now. Sent through sharding, so it keeps the visitor alive (or wakes it) mid-hand-over;
   * a reply about a chunk that is no longer at the head of the hold is stale and ignored.
   */
  record HeldEventsDelivered(String firstEventId, int count) implements VisitorCommand {}

  /** Handing a chunk of the held events over failed or timed out: the same chunk again after a pause. */
  enum DeliveryFailed implements VisitorCommand {
    INSTANCE
  }

  /**
   * The person this anonymous id was linked to was erased: the visitor persists
   * {@link VisitorEvent.VisitorErased}, drops what it holds and from then on refuses every write with
   * {@code user_erased} (HTTP 410). A repeat is acknowledged as is.
   */
  record Erase(ActorRef<StatusReply<Done>> replyTo) implements VisitorCommand {}

  /** The pause after a failed hand-over is over. */
  enum RetryDelivery implements VisitorCommand {
    INSTANCE
  }
}
