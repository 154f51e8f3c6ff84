package io.limbic.analytics.interventions;

import java.util.regex.Pattern;

/**
 * A glob over the page: {@code *} is any run of characters, everything else is literal. It matches when the whole
 * url, the url's path, or the section matches, so {@code /pricing*} and {@code *pricing*} both catch
 * {@code https://shop.example/pricing?plan=pro}, and {@code checkout} catches the section of that name.
 */
public final class PagePattern {
  private final String glob;
  private final Pattern regex;

  private PagePattern(String glob) {
    this.glob = glob;
    this.regex = Pattern.compile(regex(glob), Pattern.DOTALL);
  }

  private static String regex(String glob) {
    StringBuilder re = new StringBuilder();
    String[] parts = glob.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) re.append(".*");
      if (!parts[i].isEmpty()) re.append(Pattern.quote(parts[i]));
    }
    return re.toString();
  }

  public static PagePattern of(String glob) {
    return new PagePattern(glob);
  }

  public boolean matches(String url, String section) {
    if (section != null && regex.matcher(section).matches()) return true;
    if (url == null) return false;
    if (regex.matcher(url).matches()) return true;
    String path = path(url);
    return path != null && regex.matcher(path).matches();
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
