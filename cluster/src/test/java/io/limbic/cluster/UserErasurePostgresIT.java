package io.limbic.cluster;

/** GDPR erasure and export over HTTP on PostgreSQL (embedded). */
class UserErasurePostgresIT extends UserErasureContract {
  @Override
  String database() {
    return "postgres";
  }
}
