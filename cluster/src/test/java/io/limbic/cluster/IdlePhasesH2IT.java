package io.limbic.cluster;

/** Idle-time phases on the embedded default, H2. */
class IdlePhasesH2IT extends IdlePhasesContract {
  @Override
  String database() {
    return "h2";
  }
}
