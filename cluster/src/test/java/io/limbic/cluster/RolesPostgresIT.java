package io.limbic.cluster;

/** Key roles over HTTP on Postgres. */
class RolesPostgresIT extends RolesContract {
  @Override
  String database() {
    return "postgres";
  }
}
