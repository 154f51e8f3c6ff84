package io.limbic.loadtest;

import java.util.HashMap;
import java.util.Map;

/** {@code key=value} command-line arguments. */
final class Options {
  private Options() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + arg);
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return options;
  }
}
