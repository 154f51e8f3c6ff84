package io.limbic.cluster.idle;

import io.limbic.protocol.user.UserCommand;
import java.util.concurrent.Callable;

/** Turns a user's phase into a job for the governor; the job's result is the message for the user's entity. */
public interface PhaseRunner {
  Callable<UserCommand> job(PhaseInput input);
}
