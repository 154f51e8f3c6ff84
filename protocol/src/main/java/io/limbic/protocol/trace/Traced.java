package io.limbic.protocol.trace;

/**
 * A command that carries the trace of what asked for it; the entity stores that trace with every event the command
 * persists. {@code trace()} is null when nothing traced asked (tests, internal timers).
 */
public interface Traced {
  Trace trace();
}
