package io.limbic.cluster;

/** The shipped KPI models end to end on H2. */
class KpiModelsH2IT extends KpiModelsContract {
  @Override
  String database() {
    return "h2";
  }
}
