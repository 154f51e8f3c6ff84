package io.limbic.projections.agents;

/**
 * One agent as {@code GET /v1/agents} shows it. {@code state} and the rate are cluster-wide; failures and parked
 * count the caller's tenant's events only.
 *
 * @param lagMs now minus the time of the newest event the agent processed (0 before the first)
 * @param eventsPerSecond events it processed (handled or skipped) over the last minute, per second
 * @param failures failed attempts of reactions to the tenant's events, each retry counted
 * @param parked the tenant's events parked and not yet replayed
 */
public record AgentStatus(
    String name, String state, long lagMs, double eventsPerSecond, long failures, long parked) {}
