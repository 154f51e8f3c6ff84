package io.limbic.cluster;

/** Read models' status, pause, resume and rebuild over HTTP on H2. */
class ProjectionsH2IT extends ProjectionsContract {
  @Override
  String database() {
    return "h2";
  }
}
