package io.limbic.cluster.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A valid JSON object of one kind (a heartbeat, an event, a profile...) and the ways to break it: per field, plus
 * rules that span fields. {@code closed} objects refuse unknown fields.
 */
record BodyTemplate(
    String name,
    List<Field> fields,
    boolean closed,
    BiFunction<Random, FuzzIds, Map<String, String>> valid,
    List<Cross> cross) {

  /** A break of a rule that spans fields: a label and what it does to the valid fields. */
  record Cross(String label, UnaryOperator<Map<String, String>> apply) {}

  /** A broken object: which rule it breaks and its JSON text. */
  record Broken(String shape, String json) {}

  Map<String, String> validFields(Random random, FuzzIds ids) {
    return new LinkedHashMap<>(valid.apply(random, ids));
  }

  String validJson(Random random, FuzzIds ids) {
    return JsonText.obj(validFields(random, ids));
  }

  /** The valid object with exactly one rule broken, chosen by {@code random}. */
  Broken broken(Random random, FuzzIds ids) {
    Map<String, String> fields = validFields(random, ids);
    int crossShare = cross.isEmpty() ? 0 : 1;
    int pick = random.nextInt(fields().size() + crossShare + (closed ? 1 : 0));
    if (pick < fields().size()) {
      Field field = fields().get(pick);
      List<Breaking> ways = field.breaking();
      Breaking way = ways.get(random.nextInt(ways.size()));
      if (way.removes()) fields.remove(field.name());
      else fields.put(field.name(), way.literal());
      return new Broken(name + "." + field.name() + ": " + way.label(), JsonText.obj(fields));
    }
    if (pick < fields().size() + crossShare) {
      Cross rule = cross.get(random.nextInt(cross.size()));
      return new Broken(name + ": " + rule.label(), JsonText.obj(rule.apply().apply(fields)));
    }
    fields.put("unexpected", "1");
    return new Broken(name + ": unknown field", JsonText.obj(fields));
  }
}
