package io.limbic.cluster;

/** Live sessions on the embedded default, H2. */
class SessionApiH2IT extends SessionApiContract {
  @Override
  String database() {
    return "h2";
  }
}
