package io.limbic.cluster;

/** Revenue forensics on an embedded PostgreSQL. */
class ForensicsPostgresIT extends ForensicsContract {
  @Override
  String database() {
    return "postgres";
  }
}
