package io.limbic.cluster;

/** The model API on H2. */
class ModelApiH2IT extends ModelApiContract {
  @Override
  String database() {
    return "h2";
  }
}
