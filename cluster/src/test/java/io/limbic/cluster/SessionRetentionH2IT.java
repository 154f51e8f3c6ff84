package io.limbic.cluster;

/** Session retention on H2. */
class SessionRetentionH2IT extends SessionRetentionContract {
  @Override
  String database() {
    return "h2";
  }
}
