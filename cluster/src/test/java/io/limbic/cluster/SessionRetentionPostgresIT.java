package io.limbic.cluster;

/** Session retention on PostgreSQL (embedded). */
class SessionRetentionPostgresIT extends SessionRetentionContract {
  @Override
  String database() {
    return "postgres";
  }
}
