package io.limbic.cluster.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Bodies for the write routes: valid ones, batches of broken items, broken batches, broken JSON. */
final class BodyShapes {
  /** A body, the class of input it is, and what the answer must be. */
  record Shape(String label, String body, Expect expect) {}

  /** A valid body for the route (sent only where something else makes the request fail). */
  String valid(WriteRoute route, FuzzIds ids, Random random) {
    String one = route.template().validJson(random, ids);
    return route.batch() ? batch(route, ids, List.of(one)) : one;
  }

  String batch(WriteRoute route, FuzzIds ids, List<String> items) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (route.items().equals("samples")) fields.put("userId", JsonText.str(ids.user()));
    fields.put(route.items(), JsonText.array(items));
    return JsonText.obj(fields);
  }

  List<Shape> batchBreaks(WriteRoute route, FuzzIds ids, Random random) {
    String item = route.template().validJson(random, ids);
    String broken = route.template().broken(random, ids).json();
    String name = route.items();
    List<Shape> out = new ArrayList<>(List.of(
        shape("batch without " + name, "{}"),
        shape("batch with " + name + " null", "{\"" + name + "\":null}"),
        shape("batch with " + name + " as object", "{\"" + name + "\":" + item + "}"),
        shape("batch with " + name + " as string", "{\"" + name + "\":\"[]\"}"),
        shape("batch with " + name + " as 1e400", "{\"" + name + "\":1e400}"),
        shape("batch with " + name + " nested 5000 deep", "{\"" + name + "\":" + JsonText.nested(5000, item) + "}"),
        shape("batch with items that are not objects", "{\"" + name + "\":[1,\"x\",null,true,[]]}"),
        shape("batch as a top-level array", "[" + item + "]"),
        new Shape("batch of 1,001 items", "{\"" + name + "\":" + JsonText.array(Collections.nCopies(1001, "{}")) + "}",
            Expect.status(413))));
    if (name.equals("samples")) {
      for (Breaking way : FieldKind.id().breaking()) {
        out.add(shape("telemetry.userId: " + way.label(),
            "{\"userId\":" + way.literal() + ",\"samples\":[" + broken + "]}"));
      }
    }
    return out;
  }

  /** JSON that is broken as JSON, or is not the object the route takes. */
  List<Shape> structural(WriteRoute route, FuzzIds ids, Random random) {
    String valid = valid(route, ids, random);
    int cut = 1 + random.nextInt(valid.length() - 1);
    int quote = valid.indexOf('"', 2);
    List<Shape> out = new ArrayList<>(List.of(
        shape("truncated JSON", valid.substring(0, cut)),
        shape("empty body", ""),
        shape("whitespace body", " \r\n\t "),
        shape("not JSON: text", "hello"),
        shape("not JSON: XML", "<heartbeat userId=\"a\"/>"),
        shape("not JSON: form", "userId=a&sessionId=b"),
        shape("JSON with single quotes", valid.replace('"', '\'')),
        shape("JSON with unquoted keys", valid.replaceAll("\"(\\w+)\":", "$1:")),
        shape("JSON with a comment", "/* note */" + valid),
        shape("JSON with a raw control character", valid.substring(0, quote) + "\u0001" + valid.substring(quote)),
        shape("JSON with invalid UTF-8", valid.substring(0, quote) + FuzzRequest.INVALID_UTF8 + valid.substring(quote)),
        shape("valid JSON followed by garbage", valid + " trailing"),
        shape("valid JSON followed by a brace", valid + "}"),
        shape("two JSON objects", valid + valid),
        shape("top-level null", "null"),
        shape("top-level string", JsonText.str(valid)),
        shape("top-level number 1e400", "1e400"),
        shape("top-level 10^999", Breaking.TEN_TO_999),
        shape("top-level array", "[" + valid + "]"),
        shape("arrays nested 20,000 deep", JsonText.nested(20_000, "")),
        shape("objects nested 5,000 deep", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)),
        shape("string just under the body limit", "{\"userId\":\"" + "y".repeat((int) route.limit() - 200) + "\"}")));
    if (!route.template().name().equals("profile") && !route.template().name().equals("thresholds")) {
      out.add(shape("empty object", "{}"));
    }
    out.add(duplicatedKey(route, ids, random));
    return out;
  }

  /**
   * A key given twice, the second time with a value its rule refuses: refused by a parser that takes the last value
   * (Jackson's default) and by one that refuses duplicates.
   */
  private Shape duplicatedKey(WriteRoute route, FuzzIds ids, Random random) {
    BodyTemplate template = route.template();
    Map<String, String> fields = template.validFields(random, ids);
    Field field = template.fields().get(random.nextInt(template.fields().size()));
    List<Breaking> ways = field.breaking().stream().filter(b -> !b.removes()).toList();
    Breaking way = ways.get(random.nextInt(ways.size()));
    List<Map.Entry<String, String>> pairs = new ArrayList<>(fields.entrySet());
    if (!fields.containsKey(field.name())) pairs.add(Map.entry(field.name(), way.literal()));
    pairs.add(Map.entry(field.name(), way.literal()));
    String object = JsonText.obj(pairs);
    String label = template.name() + "." + field.name() + " twice, then " + way.label();
    return shape(label, route.batch() ? batch(route, ids, List.of(object)) : object);
  }

  private static Shape shape(String label, String body) {
    return new Shape(label, body, Expect.rejected());
  }
}
