package io.limbic.cluster;

/** Secret keys managed at runtime over HTTP on H2. */
class KeyManagementH2IT extends KeyManagementContract {
  @Override
  String database() {
    return "h2";
  }
}
