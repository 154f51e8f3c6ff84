package io.limbic.cluster.models;

/** No fitted version matches a simulate or recommend request: a 404, or a failed job. */
public final class VersionNotFound extends IllegalArgumentException {
  public VersionNotFound(String message) {
    super(message);
  }
}
