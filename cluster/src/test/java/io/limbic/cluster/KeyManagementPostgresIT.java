package io.limbic.cluster;

/** Secret keys managed at runtime over HTTP on PostgreSQL. */
class KeyManagementPostgresIT extends KeyManagementContract {
  @Override
  String database() {
    return "postgres";
  }
}
