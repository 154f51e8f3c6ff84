package io.limbic.analytics.forensics;

/**
 * The page forensics groups by: the url's path (no scheme, host, query or fragment), else the section, else
 * "(unknown)"; at most 500 characters.
 */
public final class ForensicPage {
  public static final String UNKNOWN = "(unknown)";
  static final int MAX = 500;

  private ForensicPage() {}

  public static String of(String url, String section) {
    String path = path(url);
    String page = path != null ? path : section != null && !section.isBlank() ? section : UNKNOWN;
    return page.length() <= MAX ? page : page.substring(0, MAX);
  }

  private static String path(String url) {
    if (url == null || url.isBlank()) return null;
    String s = url.strip();
    int cut = indexOfAny(s, '?', '#');
    if (cut >= 0) s = s.substring(0, cut);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      int slash = s.indexOf('/', scheme + 3);
      s = slash < 0 ? "/" : s.substring(slash);
    }
    return s.isEmpty() ? "/" : s;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    if (i < 0) return j;
    if (j < 0) return i;
    return Math.min(i, j);
  }
}
