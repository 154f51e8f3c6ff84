package io.limbic.cluster;

/** Key roles over HTTP on H2. */
class RolesH2IT extends RolesContract {
  @Override
  String database() {
    return "h2";
  }
}
