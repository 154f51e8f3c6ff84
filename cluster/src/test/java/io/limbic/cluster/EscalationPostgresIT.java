package io.limbic.cluster;

/** Executive escalation on an embedded PostgreSQL. */
class EscalationPostgresIT extends EscalationContract {
  @Override
  String database() {
    return "postgres";
  }
}
