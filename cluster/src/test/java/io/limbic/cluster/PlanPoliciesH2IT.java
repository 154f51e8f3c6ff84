package io.limbic.cluster;

/** Plan policies end to end on H2. */
class PlanPoliciesH2IT extends PlanPoliciesContract {
  @Override
  String database() {
    return "h2";
  }
}
