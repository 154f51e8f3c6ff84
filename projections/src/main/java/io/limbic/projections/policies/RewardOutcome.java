package io.limbic.projections.policies;

/** What recording a reward did, with the policy as it stands afterwards ({@code null} when there is none). */
public record RewardOutcome(Status status, PlanPolicy policy) {
  public enum Status {
    /** The reward is new and updated the posterior. */
    RECORDED,
    /** The same id with the same plan and reward was recorded before: nothing changed. */
    DUPLICATE,
    /** The id was recorded before with another plan or reward: nothing changed. */
    CONFLICT,
    /** The policy has no plan of that id. */
    UNKNOWN_PLAN,
    /** The tenant has no policy of that name. */
    UNKNOWN_POLICY
  }
}
