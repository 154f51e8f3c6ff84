package io.limbic.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.protocol.kpi.SegmentDefinition;
import io.limbic.protocol.kpi.SegmentFilter;
import io.limbic.protocol.kpi.UserTrait;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /v1/segments/{name}}: {@code {"filter": F, "controls"?: ["campaign_sent", ...]}} where F
 * is {@code {"all": [F...]}}, {@code {"any": [F...]}}, {@code {"not": F}} or a condition
 * {@code {"trait": T, OP: V}} with OP one of {@code eq} (a string, or a number for a numeric trait), {@code in}
 * (a non-empty array of strings), {@code gt}/{@code gte}/{@code lt}/{@code lte} (a number, numeric traits only) or
 * {@code exists} (true or false). Every failure names the path of the part that is wrong.
 */
public final class SegmentInput {
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  public static final String BUILT_IN = "all";
  public static final int MAX_DEPTH = 8;
  public static final int MAX_CONDITIONS = 64;
  public static final int MAX_VALUES = 100;
  public static final int MAX_CONTROLS = 20;
  private static final int MAX_TEXT = 500;
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Set<String> OPS = Set.of("eq", "in", "gt", "gte", "lt", "lte", "exists");

  private SegmentInput() {}

  public static Validated<SegmentDefinition> parse(JsonNode json) {
    if (json == null || !json.isObject()) return invalid("a segment is a JSON object {\"filter\", \"controls\"?}");
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("filter") && !field.equals("controls")) return invalid(field + ": unknown field");
    }
    if (!json.has("filter")) return invalid("filter: required");
    int[] conditions = {0};
    Validated<SegmentFilter> filter = filter(json.get("filter"), "filter", 1, conditions);
    if (!filter.isValid()) return filter.failure();
    Validated<List<String>> controls = controls(json.get("controls"));
    if (!controls.isValid()) return controls.failure();
    return Validated.valid(new SegmentDefinition(filter.get(), controls.get()));
  }

  private static Validated<List<String>> controls(JsonNode node) {
    if (node == null || node.isNull()) return Validated.valid(List.of());
    if (!node.isArray()) return invalid("controls: an array of product-event types");
    if (node.size() > MAX_CONTROLS) return invalid("controls: at most " + MAX_CONTROLS + " types");
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode type = node.get(i);
      if (!type.isTextual() || !TYPE.matcher(type.asText()).matches()) {
        return invalid("controls[" + i + "]: a product-event type, a lower-case word such as campaign_sent");
      }
      out.add(type.asText());
    }
    return Validated.valid(List.copyOf(out));
  }

  private static Validated<SegmentFilter> filter(JsonNode node, String path, int depth, int[] conditions) {
    if (depth > MAX_DEPTH) return invalid(path + ": filters nest at most " + MAX_DEPTH + " deep");
    if (node == null || !node.isObject()) return invalid(path + ": a filter is a JSON object");
    if (node.has("trait")) return condition((ObjectNode) node, path, conditions);
    if (node.size() != 1) return invalid(path + ": needs exactly one of all, any, not or trait");
    String op = node.fieldNames().next();
    JsonNode arg = node.get(op);
    switch (op) {
      case "all", "any" -> {
        if (!arg.isArray()) return invalid(path + "." + op + ": an array of filters");
        List<SegmentFilter> parts = new ArrayList<>();
        for (int i = 0; i < arg.size(); i++) {
          Validated<SegmentFilter> part = filter(arg.get(i), path + "." + op + "[" + i + "]", depth + 1, conditions);
          if (!part.isValid()) return part;
          parts.add(part.get());
        }
        return Validated.valid(op.equals("all") ? new SegmentFilter.All(parts) : new SegmentFilter.Any(parts));
      }
      case "not" -> {
        Validated<SegmentFilter> inner = filter(arg, path + ".not", depth + 1, conditions);
        return inner.isValid() ? Validated.valid(new SegmentFilter.Not(inner.get())) : inner;
      }
      default -> {
        return invalid(path + "." + op + ": unknown; a filter is all, any, not or a trait condition");
      }
    }
  }

  private static Validated<SegmentFilter> condition(ObjectNode node, String path, int[] conditions) {
    if (++conditions[0] > MAX_CONDITIONS) return invalid(path + ": at most " + MAX_CONDITIONS + " conditions");
    JsonNode name = node.get("trait");
    UserTrait trait = name.isTextual() ? UserTrait.of(name.asText()).orElse(null) : null;
    if (trait == null) return invalid(path + ".trait: one of " + UserTrait.names());
    if (node.size() != 2) return invalid(path + ": a condition is {\"trait\", one of " + String.join(", ", ops()) + "}");
    String op = null;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("trait")) op = f;
    }
    if (!OPS.contains(op)) return invalid(path + "." + op + ": unknown operator; one of " + String.join(", ", ops()));
    JsonNode v = node.get(op);
    String at = path + "." + op;
    boolean numeric = trait.kind() == UserTrait.Kind.NUMBER;
    switch (op) {
      case "exists" -> {
        if (!v.isBoolean()) return invalid(at + ": true or false");
        return Validated.valid(new SegmentFilter.Exists(trait, v.asBoolean()));
      }
      case "gt", "gte", "lt", "lte" -> {
        if (!numeric) return invalid(at + ": " + trait.key() + " is not numeric; use eq, in or exists");
        if (!v.isNumber()) return invalid(at + ": " + trait.key() + " compares to a number");
        return Validated.valid(new SegmentFilter.Compare(trait, op, v.decimalValue()));
      }
      case "eq" -> {
        if (numeric) {
          if (!v.isNumber()) return invalid(at + ": " + trait.key() + " is numeric; eq takes a number");
          return Validated.valid(new SegmentFilter.All(List.of(new SegmentFilter.Compare(trait, "gte",
              v.decimalValue()), new SegmentFilter.Compare(trait, "lte", v.decimalValue()))));
        }
        if (!text(v)) return invalid(at + ": a string of 1.." + MAX_TEXT + " characters");
        return Validated.valid(new SegmentFilter.OneOf(trait, List.of(v.asText())));
      }
      default -> {
        if (numeric) return invalid(at + ": " + trait.key() + " is numeric; use eq, gt, gte, lt or lte");
        if (!v.isArray() || v.isEmpty() || v.size() > MAX_VALUES) {
          return invalid(at + ": an array of 1.." + MAX_VALUES + " strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
          if (!text(v.get(i))) return invalid(at + "[" + i + "]: a string of 1.." + MAX_TEXT + " characters");
          values.add(v.get(i).asText());
        }
        return Validated.valid(new SegmentFilter.OneOf(trait, values));
      }
    }
  }

  private static boolean text(JsonNode v) {
    return v.isTextual() && !v.asText().isEmpty() && v.asText().length() <= MAX_TEXT;
  }

  private static List<String> ops() {
    return List.of("eq", "in", "gt", "gte", "lt", "lte", "exists");
  }

  private static <T> Validated<T> invalid(String message) {
    return Validated.invalid("invalid_segment", message);
  }

  /** The filter in the grammar above (numeric eq comes back as gte and lte): what is stored and shown. */
  public static JsonNode json(SegmentFilter filter) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    if (filter instanceof SegmentFilter.All all) {
      ArrayNode parts = out.putArray("all");
      all.filters().forEach(p -> parts.add(json(p)));
    } else if (filter instanceof SegmentFilter.Any any) {
      ArrayNode parts = out.putArray("any");
      any.filters().forEach(p -> parts.add(json(p)));
    } else if (filter instanceof SegmentFilter.Not not) {
      out.set("not", json(not.filter()));
    } else if (filter instanceof SegmentFilter.OneOf one) {
      out.put("trait", one.trait().key());
      if (one.values().size() == 1) out.put("eq", one.values().get(0));
      else one.values().forEach(out.putArray("in")::add);
    } else if (filter instanceof SegmentFilter.Compare c) {
      out.put("trait", c.trait().key());
      out.put(c.op(), c.bound());
    } else if (filter instanceof SegmentFilter.Exists e) {
      out.put("trait", e.trait().key());
      out.put("exists", e.present());
    }
    return out;
  }
}
