package io.limbic.cluster.idle;

import org.apache.pekko.actor.typed.ActorRef;

/** What a user entity needs to run idle-time phases on its node. */
public record IdleRuntime(IdleSettings settings, ActorRef<GovernorCommand> governor, PhaseRunner runner) {}
