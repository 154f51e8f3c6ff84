package io.limbic.cluster;

/** Executive escalation on H2. */
class EscalationH2IT extends EscalationContract {
  @Override
  String database() {
    return "h2";
  }
}
