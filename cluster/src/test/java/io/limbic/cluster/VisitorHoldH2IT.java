package io.limbic.cluster;

/** The visitor hold and hand-over on the embedded default, H2. */
class VisitorHoldH2IT extends VisitorHoldContract {
  @Override
  String database() {
    return "h2";
  }
}
