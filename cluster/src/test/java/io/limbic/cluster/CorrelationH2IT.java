package io.limbic.cluster;

/** Correlation over HTTP on the embedded default, H2. */
class CorrelationH2IT extends CorrelationContract {
  @Override
  String database() {
    return "h2";
  }
}
