package io.limbic.cluster.http;

import io.limbic.cluster.escalation.AckLinks;
import io.limbic.protocol.Ids;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.escalation.IncidentCommand.Acknowledgement;
import io.limbic.protocol.http.Problem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The acknowledgement link of a notice, {@code /v1/incidents/{id}/ack?token=}. The signed token is the only
 * credential (no API key: the contact has none); a bad, foreign or expired token gets 403 on either method.
 *
 * <p>{@code GET} only checks the token and answers a confirmation page whose form POSTs it back: link scanners and
 * previewers (mail safe-links, chat unfurls) fetch links, so a GET must change nothing. {@code POST} (token in the
 * form body {@code token=}, or in the query) acknowledges: it stops the chain and records the contact and the time;
 * a repeat answers with the first acknowledgement. A POST without a token that carries an API key or the dashboard's
 * header is left to the authenticated acknowledgement of {@link EscalationRoutes}. Both answer a small HTML page, or JSON when the client asks for
 * {@code application/json}.
 */
public final class IncidentAckRoutes {
  /** A form with one token in it is far below this. */
  private static final long MAX_FORM = 8 * 1024;
  private static final List<HttpHeader> PRIVATE = List.of(
      RawHeader.create("Cache-Control", "no-store"), RawHeader.create("Referrer-Policy", "no-referrer"));

  private final ClusterSharding sharding;
  private final AckLinks links;
  private final HttpSettings settings;
  private final Clock clock;
  private final AuditLog audit;

  public IncidentAckRoutes(
      ClusterSharding sharding, AckLinks links, HttpSettings settings, Clock clock, AuditLog audit) {
    this.sharding = sharding;
    this.links = links;
    this.settings = settings;
    this.clock = clock;
    this.audit = audit;
  }

  public Route route() {
    return Directives.path(PathMatchers.segment("incidents").slash(PathMatchers.segment()).slash("ack"),
        id -> Directives.optionalHeaderValueByName("Accept", accept -> {
          boolean json = accept.map(a -> a.contains("application/json")).orElse(false);
          return Directives.respondWithHeaders(PRIVATE, () -> Directives.concat(
              Directives.get(() -> Directives.parameterOptional("token", token -> confirm(id, token, json))),
              Directives.post(() -> Directives.parameterOptional("token", query -> query.isPresent()
                  ? ack(id, query, json)
                  : Directives.extractRequest(request -> byApiCaller(request)
                      ? Directives.reject()
                      : formToken(form -> ack(id, form, json)))))));
        }));
  }

  /**
   * A POST with no link token that sends an API key or the dashboard's CSRF header is an API caller's: it goes on
   * to the authenticated {@code POST /v1/incidents/{id}/ack} ({@link EscalationRoutes}).
   */
  private static boolean byApiCaller(org.apache.pekko.http.javadsl.model.HttpRequest request) {
    return request.getHeader("Authorization").isPresent()
        || request.getHeader(DashboardSessions.CSRF_HEADER).isPresent();
  }

  /** The token of an {@code application/x-www-form-urlencoded} body (whatever it declares), at most 8 KiB. */
  private static Route formToken(Function<Optional<String>, Route> inner) {
    return Directives.withSizeLimit(MAX_FORM, () -> Directives.entity(Unmarshaller.entityToString(),
        body -> inner.apply(formField(body, "token"))));
  }

  static Optional<String> formField(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      try {
        if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
          return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim());
        }
      } catch (IllegalArgumentException malformed) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Optional<AckLinks.Claim> claim(String incidentId, Optional<String> token, Instant now) {
    return links.verify(incidentId, token.orElse(null), now)
        .filter(c -> Ids.isValidTenant(c.tenant()) && Ids.isValid(c.userId()));
  }

  private static Route forbidden() {
    return Directives.complete(Problems.response(Problem.of(403, "invalid_token",
        "Forbidden", "the acknowledgement link is invalid or has expired")));
  }

  private Route confirm(String incidentId, Optional<String> token, boolean json) {
    Optional<AckLinks.Claim> claim = claim(incidentId, token, clock.instant());
    if (claim.isEmpty()) return forbidden();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("incidentId", incidentId);
      m.put("acknowledged", false);
      m.put("expiresAt", claim.get().expires().toString());
      m.put("acknowledge", Map.of("method", "POST", "contentType", "application/x-www-form-urlencoded",
          "field", "token"));
      return Directives.complete(Json.ok(m));
    }
    // "ack" resolves against .../incidents/{id}/ack to itself, so the form works behind a path-prefixing proxy.
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
        + "<title>Acknowledge incident</title></head><body><h1>Acknowledge incident</h1><p>Incident "
        + escape(incidentId) + " is waiting for someone to take it. Acknowledging stops the chain: no one else will"
        + " be notified.</p><form method=\"post\" action=\"ack\"><input type=\"hidden\" name=\"token\" value=\""
        + escape(token.get()) + "\"><button type=\"submit\">Acknowledge</button></form></body></html>";
    return Directives.complete(HttpResponse.create().withEntity(ContentTypes.TEXT_HTML_UTF8, html));
  }

  private Route ack(String incidentId, Optional<String> token, boolean json) {
    var now = clock.instant();
    Optional<AckLinks.Claim> claim = claim(incidentId, token, now);
    if (claim.isEmpty()) return forbidden();
    AckLinks.Claim c = claim.get();
    // The link's contact acts, not a key: logged as ack-link:contact-<its place in the policy>, the token never.
    AuditLog.Actor contact = new AuditLog.Actor(c.tenant(), "ack-link:contact-" + c.contactIndex(), List.of());
    return Audited.action(audit, contact, "incident.ack", incidentId, () -> acknowledge(c, incidentId, now, json));
  }

  private Route acknowledge(AckLinks.Claim c, String incidentId, Instant now, boolean json) {
    String entityId = new TenantScopedId(c.tenant(), c.userId()).entityId();
    var acked = sharding.entityRefFor(IncidentCommand.ENTITY_TYPE, entityId)
        .<Acknowledgement>askWithStatus(r -> new IncidentCommand.Acknowledge(incidentId, c.contactIndex(), now, r),
            settings.askTimeout());
    return Directives.onComplete(acked, attempt -> {
      if (attempt.isFailure()) {
        Throwable t = attempt.failed().get();
        if (t instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage) {
          return Directives.complete(Problems.notFound("no such incident"));
        }
        return Directives.complete(Problems.forFailure(t));
      }
      Acknowledgement a = attempt.get();
      return Directives.complete(json ? Json.ok(body(a)) : page(a));
    });
  }

  private static Map<String, Object> body(Acknowledgement a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("incidentId", a.incidentId());
    m.put("acknowledged", true);
    m.put("acknowledgedBy", a.by());
    m.put("acknowledgedAt", a.at().toString());
    m.put("now", a.now());
    return m;
  }

  private static HttpResponse page(Acknowledgement a) {
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Incident acknowledged</title></head>"
        + "<body><h1>Incident acknowledged</h1><p>" + (a.now() ? "Thank you. " : "Already acknowledged: ")
        + "incident " + escape(a.incidentId()) + " was acknowledged by " + escape(a.by()) + " at "
        + escape(a.at().toString()) + "; no one else will be notified.</p></body></html>";
    return HttpResponse.create().withEntity(ContentTypes.TEXT_HTML_UTF8, html);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
