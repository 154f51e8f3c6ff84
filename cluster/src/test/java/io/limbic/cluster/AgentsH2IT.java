package io.limbic.cluster;

/** Agents on the embedded default, H2. */
class AgentsH2IT extends AgentsContract {
  @Override
  String database() {
    return "h2";
  }
}
