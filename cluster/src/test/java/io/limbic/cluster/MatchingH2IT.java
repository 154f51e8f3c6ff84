package io.limbic.cluster;

/** Matching over HTTP on the embedded default, H2. */
class MatchingH2IT extends MatchingContract {
  @Override
  String database() {
    return "h2";
  }
}
