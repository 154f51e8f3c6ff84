package io.limbic.cluster.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A field of a request body. {@code required} means that removing it, or setting it to null, makes the body invalid
 * (for fields that only go in pairs, such as amount and currency, that holds too).
 */
record Field(String name, FieldKind kind, boolean required) {
  static Field required(String name, FieldKind kind) {
    return new Field(name, kind, true);
  }

  static Field optional(String name, FieldKind kind) {
    return new Field(name, kind, false);
  }

  List<Breaking> breaking() {
    List<Breaking> out = new ArrayList<>(kind.breaking());
    if (required) {
      out.add(Breaking.removed());
      out.add(Breaking.of("null", "null"));
    }
    return out;
  }
}
