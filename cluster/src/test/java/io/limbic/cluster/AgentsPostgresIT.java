package io.limbic.cluster;

/** Agents on a real PostgreSQL 17 (embedded). */
class AgentsPostgresIT extends AgentsContract {
  @Override
  String database() {
    return "postgres";
  }
}
