package io.limbic.projections.policies;

/**
 * One of a policy's discrete plans: its id, the feature vector the reward model uses, and the per-period control
 * inputs it was defined by ({@code null} when the tenant gave the features directly).
 */
public record CandidatePlan(String id, double[] features, double[][] inputs) {}
