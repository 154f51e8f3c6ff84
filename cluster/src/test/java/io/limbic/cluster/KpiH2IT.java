package io.limbic.cluster;

/** KPIs and segments on H2. */
class KpiH2IT extends KpiContract {
  @Override
  String database() {
    return "h2";
  }
}
