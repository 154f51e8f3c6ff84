package io.limbic.cluster;

/** Jobs on the embedded default, H2. */
class JobsH2IT extends JobsContract {
  @Override
  String database() {
    return "h2";
  }
}
