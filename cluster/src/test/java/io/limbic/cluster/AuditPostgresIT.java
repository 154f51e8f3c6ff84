package io.limbic.cluster;

/** The audit log over HTTP on PostgreSQL (embedded). */
class AuditPostgresIT extends AuditContract {
  @Override
  String database() {
    return "postgres";
  }
}
