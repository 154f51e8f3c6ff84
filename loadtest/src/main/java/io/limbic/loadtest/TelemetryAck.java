package io.limbic.loadtest;

/**
 * The server's answer to one batch, {@code {"accepted":n,"rejected":m,"errors":[...]}} over HTTP or the same with
 * {@code "type":"ack"} on the WebSocket. Read by scanning for the two counts: a JSON library per answer would cost
 * the generator CPU that the node needs.
 *
 * @param firstError the start of the errors array when something was rejected, else null
 */
record TelemetryAck(int accepted, int rejected, String firstError) {
  private static final int ERROR_EXCERPT = 200;

  /** Null when the text has no {@code accepted} count (not an answer to a batch). */
  static TelemetryAck parse(CharSequence text) {
    String s = text.toString();
    int accepted = count(s, "\"accepted\":");
    if (accepted < 0) return null;
    int rejected = Math.max(0, count(s, "\"rejected\":"));
    String firstError = null;
    if (rejected > 0) {
      int errors = s.indexOf("\"errors\":");
      firstError = errors < 0 ? s : s.substring(errors, Math.min(s.length(), errors + ERROR_EXCERPT));
    }
    return new TelemetryAck(accepted, rejected, firstError);
  }

  /** A push of the session's new emotion: {@code {"type":"emotion","emotion":{...}}}; check for an ack first. */
  static boolean isEmotionPush(CharSequence text) {
    return text.toString().contains("\"emotion\"");
  }

  /** What a WebSocket error answer says, e.g. {@code 503 unavailable}; an unknown message is named as such. */
  static String errorCode(CharSequence text) {
    String s = text.toString();
    int status = count(s, "\"status\":");
    int code = s.indexOf("\"code\":\"");
    if (status < 0 || code < 0) return "unexpected message";
    int from = code + 8;
    int to = s.indexOf('"', from);
    return status + " " + (to < 0 ? "?" : s.substring(from, to));
  }

  private static int count(String s, String field) {
    int at = s.indexOf(field);
    if (at < 0) return -1;
    int i = at + field.length();
    while (i < s.length() && s.charAt(i) == ' ') i++;
    int value = 0;
    int digits = 0;
    for (; i < s.length() && Character.isDigit(s.charAt(i)); i++, digits++) value = value * 10 + (s.charAt(i) - '0');
    return digits == 0 ? -1 : value;
  }
}
