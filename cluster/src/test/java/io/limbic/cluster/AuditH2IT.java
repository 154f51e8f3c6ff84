package io.limbic.cluster;

/** The audit log over HTTP on H2. */
class AuditH2IT extends AuditContract {
  @Override
  String database() {
    return "h2";
  }
}
