package io.limbic.cluster.http;

import java.util.List;
import java.util.Optional;

/**
 * Which requests are administrative actions, and the stable name each is logged under ({@link Audited}; README
 * "Audit log"). A pattern's {@code {}} segment is the action's target (several are joined by {@code /}, as
 * {@code acme/key-0123456789abcdef}); a creation has none, and is given the id its answer names in {@code Location}. Every write that needs the admin or operator role is here (a unit test
 * holds this table to openapi.json), plus issuing user tokens and creating and cancelling jobs.
 */
public final class AdminActions {
  /** The action a request is: its name and target (null when the path names none). */
  public record Named(String action, String target) {}

  private record Entry(String method, List<String> pattern, String action) {}

  /** The name GDPR erasure is logged under (its route calls {@link Audited#action} itself). */
  public static final String USER_ERASE = "user.erase";

  private static final List<Entry> TABLE = List.of(
      entry("PUT /v1/config/signals", "config.signals.update"),
      entry("PUT /v1/interventions/config", "config.interventions.update"),
      entry("POST /v1/interventions/{}/feedback", "intervention.feedback"),
      entry("PUT /v1/escalation/policy", "config.escalation_policy.update"),
      entry("PUT /v1/agents/notifications/channels", "config.notification_channels.update"),
      entry("PUT /v1/segments/{}", "segment.update"),
      entry("DELETE /v1/segments/{}", "segment.delete"),
      entry("PUT /v1/schedules/{}", "schedule.update"),
      entry("PUT /v1/models/policies/{}", "model_policy.update"),
      entry("POST /v1/projections/{}/pause", "projection.pause"),
      entry("POST /v1/projections/{}/resume", "projection.resume"),
      entry("POST /v1/projections/{}/rebuild", "projection.rebuild"),
      entry("POST /v1/agents/{}/pause", "agent.pause"),
      entry("POST /v1/agents/{}/resume", "agent.resume"),
      entry("POST /v1/dead-letters/{}/replay", "dead_letter.replay"),
      entry("POST /v1/incidents/{}/ack", "incident.ack"),
      entry("POST /v1/publishable-keys", "publishable_key.create"),
      entry("DELETE /v1/publishable-keys/{}", "publishable_key.revoke"),
      entry("POST /v1/tenants/{}/keys", "api_key.create"),
      entry("POST /v1/tenants/{}/keys/{}/rotate", "api_key.rotate"),
      entry("DELETE /v1/tenants/{}/keys/{}", "api_key.revoke"),
      entry("POST /v1/tenants/{}/token-keys", "user_token_key.register"),
      entry("DELETE /v1/tenants/{}/token-keys/{}", "user_token_key.revoke"),
      entry("POST /v1/users/{}/token", "user_token.issue"),
      entry("POST /v1/users/{}/tokens/revoke", "user_token.revoke"),
      entry("DELETE /v1/users/{}", USER_ERASE),
      entry("POST /v1/jobs", "job.create"),
      entry("DELETE /v1/jobs/{}", "job.cancel"));

  private AdminActions() {}

  private static Entry entry(String route, String action) {
    int space = route.indexOf(' ');
    return new Entry(route.substring(0, space), segments(route.substring(space + 1)), action);
  }

  private static List<String> segments(String path) {
    return List.of(path.substring(1).split("/"));
  }

  /** The action {@code method} on the (decoded) path segments {@code path} is, if any. */
  public static Optional<Named> of(String method, List<String> path) {
    for (Entry e : TABLE) {
      if (!e.method().equals(method) || e.pattern().size() != path.size()) continue;
      String target = null;
      boolean matches = true;
      for (int i = 0; i < path.size() && matches; i++) {
        if (e.pattern().get(i).equals("{}")) target = target == null ? path.get(i) : target + "/" + path.get(i);
        else matches = e.pattern().get(i).equals(path.get(i));
      }
      if (matches) return Optional.of(new Named(e.action(), target));
    }
    return Optional.empty();
  }

  /** Every action's name, for documentation and tests. */
  public static List<String> names() {
    return TABLE.stream().map(Entry::action).toList();
  }

  /** The id a creation's {@code Location} names: its last path segment. */
  static String created(String location) {
    if (location == null) return null;
    String path = location.replaceFirst("[?#].*$", "");
    int slash = path.lastIndexOf('/');
    String last = slash < 0 ? path : path.substring(slash + 1);
    return last.isEmpty() ? null : last;
  }
}
