package io.limbic.cluster.models;

/**
 * A model request that cannot be served as asked: a 400 with {@code code} and the message, or a failed job with the
 * message (an {@link IllegalArgumentException}, as the job seam expects).
 */
public final class InvalidModelRequest extends IllegalArgumentException {
  private final String code;

  public InvalidModelRequest(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
