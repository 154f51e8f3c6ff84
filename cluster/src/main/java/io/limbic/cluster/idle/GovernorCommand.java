package io.limbic.cluster.idle;

import io.limbic.protocol.CborSerializable;
import io.limbic.protocol.user.UserCommand;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What a node's {@link WorkGovernor} is asked to do. Only {@link GetStatus} and {@link GetTenantStatus} ever cross
 * the network.
 */
public sealed interface GovernorCommand {
  ServiceKey<GovernorCommand> SERVICE = ServiceKey.create(GovernorCommand.class, "idle-work-governor");

  /**
   * A phase job of one user. {@code work} computes the message for the user when done; it must stop when its
   * thread is interrupted. {@code replyTo} is the user's sharded entity, not the incarnation that submitted: a job
   * can outlast a passivation. {@code token} is unique across users. Higher {@code value} (e.g. lifetime value) goes
   * first among jobs of the same phase. {@code idleSince} names the idle period: a job of the same user, phase and
   * idle period as one already queued or running is not queued again (its user is told which token holds it).
   */
  record Submit(
      long token, String userKey, int phase, Instant idleSince, double value, Instant dueAt,
      Callable<UserCommand> work, RecipientRef<UserCommand> replyTo) implements GovernorCommand {}

  /** The user came back: drop the job if it is queued, interrupt it if it runs; its result is never delivered. */
  record Cancel(long token) implements GovernorCommand {}

  /**
   * The user came back, and jobs of theirs may wait that their entity does not know of (offered by an earlier
   * incarnation, perhaps on another node): cancel every job of {@code userKey} here and, if {@code relay}, ask every
   * other node's governor to do the same.
   */
  record CancelUser(String userKey, boolean relay) implements GovernorCommand, CborSerializable {}

  /** The governors of the cluster changed (local, from the receptionist). */
  record GovernorsListed(java.util.Set<ActorRef<GovernorCommand>> governors) implements GovernorCommand {}

  /** The node's figures, all tenants together: for operators (the management port), never for a tenant. */
  record GetStatus(ActorRef<GovernorStatus> replyTo) implements GovernorCommand, CborSerializable {}

  /** One tenant's figures on this node, and nothing of any other tenant or of the node. */
  record GetTenantStatus(String tenant, ActorRef<TenantWork> replyTo) implements GovernorCommand, CborSerializable {}

  /** A running job finished (local). */
  record Finished(long token, UserCommand result, Throwable failure) implements GovernorCommand {}
}
