package io.limbic.protocol.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body, served as {@code application/problem+json}. {@code type} is a stable URI-like name of
 * the kind of error; {@code index} points at the offending item of a batch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, Integer index) {
  public static final String TYPE_PREFIX = "https://limbic.dev/problems/";

  public static Problem of(int status, String code, String title, String detail) {
    return new Problem(TYPE_PREFIX + code, title, status, detail, null);
  }
}
