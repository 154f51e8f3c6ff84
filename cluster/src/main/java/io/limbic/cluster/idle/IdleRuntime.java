package io.limbic.cluster.idle;

import io.limbic.protocol.user.UserCommand;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * What a user entity needs to run idle-time phases on its node.
 *
 * @param entities the user's sharded entity by entity id: where a finished job is delivered, even after the
 *     incarnation that submitted it was passivated
 */
public record IdleRuntime(
    IdleSettings settings, ActorRef<GovernorCommand> governor, PhaseRunner runner,
    Function<String, RecipientRef<UserCommand>> entities) {}
