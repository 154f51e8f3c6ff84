package io.limbic.cluster.fuzz;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON written by hand, so a body can hold what no JSON library would write: literals such as {@code 1e400} or a
 * thousand-digit integer, duplicated keys, and strings with control characters.
 */
final class JsonText {
  private JsonText() {}

  /** A JSON string literal; control characters and non-ASCII are escaped as \\uXXXX. */
  static String str(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  /** An object from (name, literal) pairs, in order; a name may repeat. */
  static String obj(List<Map.Entry<String, String>> fields) {
    return fields.stream().map(f -> str(f.getKey()) + ":" + f.getValue()).collect(Collectors.joining(",", "{", "}"));
  }

  static String obj(Map<String, String> fields) {
    return obj(List.copyOf(fields.entrySet()));
  }

  static String array(List<String> literals) {
    return String.join(",", literals).transform(s -> "[" + s + "]");
  }

  /** {@code depth} nested arrays around {@code inner}. */
  static String nested(int depth, String inner) {
    return "[".repeat(depth) + inner + "]".repeat(depth);
  }
}
