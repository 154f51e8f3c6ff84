package io.limbic.cluster;

/** Read models' status, pause, resume and rebuild over HTTP on Postgres. */
class ProjectionsPostgresIT extends ProjectionsContract {
  @Override
  String database() {
    return "postgres";
  }
}
