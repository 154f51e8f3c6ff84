package io.limbic.cluster.http;

import io.limbic.cluster.escalation.AckLinks;
import io.limbic.protocol.Ids;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.escalation.IncidentCommand.Acknowledgement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/incidents/{id}/ack?token=}: the one-click acknowledgement link of a notice. The signed token is the
 * only credential (no API key: the contact has none); a bad, foreign or expired token gets 403. Acknowledging stops
 * the chain and records the contact and the time; a repeat answers with the first acknowledgement. Answers a small
 * HTML page, or JSON when the client asks for {@code application/json}.
 */
public final class IncidentAckRoutes {
  private final ClusterSharding sharding;
  private final AckLinks links;
  private final HttpSettings settings;
  private final Clock clock;

  public IncidentAckRoutes(ClusterSharding sharding, AckLinks links, HttpSettings settings, Clock clock) {
    this.sharding = sharding;
    this.links = links;
    this.settings = settings;
    this.clock = clock;
  }

  public Route route() {
    return Directives.path(PathMatchers.segment("incidents").slash(PathMatchers.segment()).slash("ack"),
        id -> Directives.get(() -> Directives.parameterOptional("token", token ->
            Directives.optionalHeaderValueByName("Accept", accept -> ack(id, token, accept)))));
  }

  private Route ack(String incidentId, Optional<String> token, Optional<String> accept) {
    var now = clock.instant();
    Optional<AckLinks.Claim> claim = links.verify(incidentId, token.orElse(null), now);
    if (claim.isEmpty() || !Ids.isValidTenant(claim.get().tenant()) || !Ids.isValid(claim.get().userId())) {
      return Directives.complete(Problems.response(io.limbic.protocol.http.Problem.of(403, "invalid_token",
          "Forbidden", "the acknowledgement link is invalid or has expired")));
    }
    AckLinks.Claim c = claim.get();
    String entityId = new TenantScopedId(c.tenant(), c.userId()).entityId();
    var acked = sharding.entityRefFor(IncidentCommand.ENTITY_TYPE, entityId)
        .<Acknowledgement>askWithStatus(r -> new IncidentCommand.Acknowledge(incidentId, c.contactIndex(), now, r),
            settings.askTimeout());
    boolean json = accept.map(a -> a.contains("application/json")).orElse(false);
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
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
