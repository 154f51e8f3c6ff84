package io.limbic.cluster;

/** GDPR erasure and export over HTTP on H2. */
class UserErasureH2IT extends UserErasureContract {
  @Override
  String database() {
    return "h2";
  }
}
