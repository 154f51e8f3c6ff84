package io.limbic.cluster.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One malformed request. {@code route} is the route it aims at as the README names it, {@code shape} the class of
 * input (together they group findings); {@code headers} are name/value pairs sent as given, duplicates included.
 */
record FuzzRequest(
    String route,
    String shape,
    boolean management,
    String method,
    String target,
    List<String[]> headers,
    byte[] body,
    boolean chunked,
    Expect expect) {

  /** Stands for the bytes C3 28 (not UTF-8) in a body given as a string. */
  static final String INVALID_UTF8 = "\uE000";

  static byte[] encode(String body) {
    String[] parts = body.split(INVALID_UTF8, -1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length());
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) out.writeBytes(new byte[] {(byte) 0xC3, 0x28});
      out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  String bodyText(int max) {
    if (body == null) return "";
    String text = new String(body, 0, Math.min(body.length, max), StandardCharsets.UTF_8);
    return body.length > max ? text + "... (" + body.length + " bytes)" : text;
  }

  /** A one-line description for a report. */
  String oneLine() {
    return method + " " + clip(target, 120) + (chunked ? " (chunked)" : "") + " " + clip(bodyText(160), 200)
        .replace('\n', ' ').replace('\r', ' ');
  }

  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...(" + text.length() + " chars)";
  }
}
