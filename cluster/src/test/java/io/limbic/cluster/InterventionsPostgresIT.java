package io.limbic.cluster;

/** Interventions on an embedded PostgreSQL. */
class InterventionsPostgresIT extends InterventionsContract {
  @Override
  String database() {
    return "postgres";
  }
}
