package io.limbic.cluster;

/** The shipped KPI models end to end on Postgres. */
class KpiModelsPostgresIT extends KpiModelsContract {
  @Override
  String database() {
    return "postgres";
  }
}
