package io.limbic.cluster;

/** User tokens over HTTP on H2 (the keys and revocations stored in H2). */
class UserTokensH2IT extends UserTokensContract {
  @Override
  String database() {
    return "h2";
  }
}
