package io.limbic.cluster.logging;

import java.util.regex.Pattern;

/**
 * The last guard before a log line is written: masks what looks like a credential (a query parameter
 * {@code access_token=...}, the value of an Authorization header, a Bearer token). The settings that keep pekko-http
 * from logging requests are the first guard; this one covers a library message nobody anticipated, such as a full
 * request URI in a warning.
 */
public final class CredentialMask {
  static final String MASK = "***";
  private static final Pattern QUERY_TOKEN =
      Pattern.compile("(?i)(\\b(?:access_token|api_key)=)[^&\\s\"'<>]+");
  private static final Pattern AUTHORIZATION = Pattern.compile("(?i)((?:proxy-)?authorization\\s*[:=]\\s*)[^\\r\\n]+");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s,;\"']+");

  private CredentialMask() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) return text;
    String masked = QUERY_TOKEN.matcher(text).replaceAll("$1" + MASK);
    masked = AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
    return BEARER.matcher(masked).replaceAll("$1" + MASK);
  }
}
