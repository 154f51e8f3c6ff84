package io.limbic.cluster;

/** Correlation over HTTP on a real (embedded) PostgreSQL. */
class CorrelationPostgresIT extends CorrelationContract {
  @Override
  String database() {
    return "postgres";
  }
}
