package io.limbic.projections.agents;

/**
 * What happens to later events once one is parked. SKIP: the agent moves on with every other event. SEQUENCE: later
 * events of the same entity are parked behind the failed one until it is replayed, so per-entity order holds.
 */
public enum FailureMode {
  SKIP,
  SEQUENCE
}
