package io.limbic.projections.kpi;

import io.limbic.protocol.kpi.SegmentFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment filter as a SQL condition on the user of a {@code kpi_user_facts} row aliased {@code f}, against the
 * user's current traits in {@code kpi_user_traits}; values are bound parameters, never spliced in.
 */
record SegmentSql(String condition, List<Object> params) {
  private static final String TRAIT = "EXISTS (SELECT 1 FROM kpi_user_traits x WHERE x.tenant = f.tenant "
      + "AND x.user_id = f.user_id AND x.trait = ?";

  static SegmentSql of(SegmentFilter filter) {
    List<Object> params = new ArrayList<>();
    String sql = build(filter, params);
    return new SegmentSql(sql, List.copyOf(params));
  }

  private static String build(SegmentFilter filter, List<Object> params) {
    if (filter instanceof SegmentFilter.All all) return join(all.filters(), " AND ", "1 = 1", params);
    if (filter instanceof SegmentFilter.Any any) return join(any.filters(), " OR ", "1 = 0", params);
    if (filter instanceof SegmentFilter.Not not) return "NOT (" + build(not.filter(), params) + ")";
    if (filter instanceof SegmentFilter.OneOf one) {
      params.add(one.trait().key());
      params.addAll(one.values());
      return TRAIT + " AND x.text_value IN (" + String.join(", ", one.values().stream().map(v -> "?").toList()) + "))";
    }
    if (filter instanceof SegmentFilter.Compare c) {
      params.add(c.trait().key());
      params.add(c.bound());
      String op = switch (c.op()) {
        case "gt" -> ">";
        case "gte" -> ">=";
        case "lt" -> "<";
        case "lte" -> "<=";
        default -> throw new IllegalArgumentException("unknown comparison " + c.op());
      };
      return TRAIT + " AND x.number_value " + op + " ?)";
    }
    SegmentFilter.Exists e = (SegmentFilter.Exists) filter;
    params.add(e.trait().key());
    return (e.present() ? "" : "NOT ") + TRAIT + ")";
  }

  private static String join(List<SegmentFilter> parts, String op, String empty, List<Object> params) {
    if (parts.isEmpty()) return empty;
    List<String> sql = new ArrayList<>();
    for (SegmentFilter part : parts) sql.add("(" + build(part, params) + ")");
    return String.join(op, sql);
  }
}
