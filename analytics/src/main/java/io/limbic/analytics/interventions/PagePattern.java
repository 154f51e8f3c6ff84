package io.limbic.analytics.interventions;

/**
 * A glob over the page: {@code *} is any run of characters, everything else is literal. It matches when the whole
 * url, the url's path, or the section matches, so {@code /pricing*} and {@code *pricing*} both catch
 * {@code https://shop.example/pricing?plan=pro}, and {@code checkout} catches the section of that name.
 */
public final class PagePattern {
  private final String glob;

  private PagePattern(String glob) {
    this.glob = glob;
  }

  public static PagePattern of(String glob) {
    return new PagePattern(glob);
  }

  public boolean matches(String url, String section) {
    if (section != null && globMatches(glob, section)) return true;
    if (url == null) return false;
    if (globMatches(glob, url)) return true;
    String path = path(url);
    return path != null && globMatches(glob, path);
  }

  /**
   * Whether {@code text} matches {@code glob} as a whole. Greedy with one resume point (the last star): at most
   * glob length x text length steps, so no pattern a tenant writes can make the hot path backtrack exponentially,
   * as a regular expression of several {@code .*} can on a long url.
   */
  static boolean globMatches(String glob, String text) {
    int g = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        resume = t;
      } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
        g++;
        t++;
      } else if (star >= 0) {
        g = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') g++;
    return g == glob.length();
  }

  /** The path of an absolute url without its query or fragment; null when there is none. */
  static String path(String url) {
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
    if (start < 0) return null;
    int end = url.length();
    for (char c : new char[] {'?', '#'}) {
      int at = url.indexOf(c, start);
      if (at >= 0 && at < end) end = at;
    }
    return url.substring(start, end);
  }

  @Override
  public String toString() {
    return glob;
  }
}
