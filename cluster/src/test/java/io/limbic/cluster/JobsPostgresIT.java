package io.limbic.cluster;

/** Jobs on a real PostgreSQL 17 (embedded). */
class JobsPostgresIT extends JobsContract {
  @Override
  String database() {
    return "postgres";
  }
}
