package io.limbic.cluster;

/** Interventions on the embedded default, H2. */
class InterventionsH2IT extends InterventionsContract {
  @Override
  String database() {
    return "h2";
  }
}
