package io.limbic.cluster;

/** User tokens over HTTP on PostgreSQL (the keys and revocations stored in PostgreSQL). */
class UserTokensPostgresIT extends UserTokensContract {
  @Override
  String database() {
    return "postgres";
  }
}
