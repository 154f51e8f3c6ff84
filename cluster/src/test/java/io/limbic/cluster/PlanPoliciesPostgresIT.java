package io.limbic.cluster;

/** Plan policies end to end on Postgres. */
class PlanPoliciesPostgresIT extends PlanPoliciesContract {
  @Override
  String database() {
    return "postgres";
  }
}
