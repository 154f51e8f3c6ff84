package io.limbic.cluster;

/** KPIs and segments on an embedded PostgreSQL. */
class KpiPostgresIT extends KpiContract {
  @Override
  String database() {
    return "postgres";
  }
}
