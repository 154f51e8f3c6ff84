package io.limbic.cluster;

/** Revenue forensics on H2. */
class ForensicsH2IT extends ForensicsContract {
  @Override
  String database() {
    return "h2";
  }
}
