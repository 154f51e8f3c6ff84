package io.limbic.cluster;

/** The foundation's promises on the embedded default, H2. */
class HeartbeatApiH2IT extends HeartbeatApiContract {
  @Override
  String database() {
    return "h2";
  }
}
