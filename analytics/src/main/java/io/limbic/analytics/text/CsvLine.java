package io.limbic.analytics.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line: commas separate, double quotes enclose fields that hold commas ("60,521"), a doubled quote
 * inside them is one quote. For the public data sets the evaluations read (iweb, speed dating).
 */
public final class CsvLine {
  private CsvLine() {}

  public static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
