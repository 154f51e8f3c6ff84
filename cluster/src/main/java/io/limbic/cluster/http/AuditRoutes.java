package io.limbic.cluster.http;

import io.limbic.projections.audit.AuditEntry;
import io.limbic.projections.audit.AuditQuery;
import io.limbic.protocol.http.Validated;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/audit?from=&to=&action=&limit=&after=} (admin): the tenant's administrative actions, newest
 * first, {@code limit} (1 to 500, default 100) at a time; {@code next} is the cursor to pass as {@code after} for
 * the page after, null on the last page.
 */
public final class AuditRoutes {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  private static final Pattern ACTION = Pattern.compile("[a-z0-9_.]{1,64}");

  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public Route routes(String tenant) {
    return Directives.path("audit", () -> Directives.get(() -> Directives.parameterMap(params -> {
      Validated<AuditQuery> query = query(tenant, params);
      if (query instanceof Validated.Invalid<AuditQuery> bad) {
        return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
      }
      // One more than asked for tells whether there is a next page.
      AuditQuery asked = query.get();
      AuditQuery probe = new AuditQuery(tenant, asked.from(), asked.to(), asked.action(), asked.before(),
          asked.limit() + 1);
      return ApiDirectives.onResult(audit.page(probe), entries -> page(entries, asked.limit()));
    })));
  }

  static Validated<AuditQuery> query(String tenant, Map<String, String> params) {
    Instant from;
    Instant to;
    try {
      from = params.containsKey("from") ? Instant.parse(params.get("from")) : null;
      to = params.containsKey("to") ? Instant.parse(params.get("to")) : null;
    } catch (DateTimeParseException e) {
      return invalid("from and to must be ISO-8601 instants such as 2026-03-01T10:00:00Z");
    }
    if (from != null && to != null && !from.isBefore(to)) return invalid("from must be before to");
    String action = params.get("action");
    if (action != null && !ACTION.matcher(action).matches()) {
      return invalid("action must be an action name such as projection.rebuild");
    }
    int limit = DEFAULT_LIMIT;
    Long before = null;
    try {
      if (params.containsKey("limit")) limit = Integer.parseInt(params.get("limit"));
      if (params.containsKey("after")) before = Long.parseLong(params.get("after"));
    } catch (NumberFormatException e) {
      return invalid("limit must be a whole number and after the next cursor of a previous page");
    }
    if (limit < 1 || limit > MAX_LIMIT) return invalid("limit must be 1 to " + MAX_LIMIT);
    if (before != null && before < 1) return invalid("after must be the next cursor of a previous page");
    return Validated.valid(new AuditQuery(tenant, from, to, action, before, limit));
  }

  private static Validated<AuditQuery> invalid(String message) {
    return Validated.invalid("invalid_parameter", message);
  }

  static HttpResponse page(List<AuditEntry> entries, int limit) {
    List<Map<String, Object>> shown = new ArrayList<>();
    for (AuditEntry e : entries.subList(0, Math.min(limit, entries.size()))) shown.add(describe(e));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entries", shown);
    body.put("next", entries.size() > limit ? Long.toString(entries.get(limit - 1).id()) : null);
    return Json.ok(body);
  }

  private static Map<String, Object> describe(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(e.id()));
    m.put("at", e.action().at().toString());
    m.put("who", e.action().actor());
    m.put("roles", e.action().roles());
    m.put("action", e.action().action());
    m.put("target", e.action().target());
    m.put("status", e.status());
    m.put("correlationId", e.action().correlationId());
    m.put("requestId", e.action().requestId());
    return m;
  }
}
