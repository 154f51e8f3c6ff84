package io.limbic.cluster.http;

import io.limbic.projections.kpi.SegmentRepository;
import io.limbic.protocol.http.SegmentInput;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.kpi.SegmentDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/segments}: {@code GET} lists the tenant's segments (and the built-in {@code all}), {@code GET}, {@code PUT}
 * and {@code DELETE /v1/segments/{name}} read, define and remove one. A PUT is validated whole ({@link SegmentInput}):
 * an invalid filter is a 400 naming what is wrong, and nothing is stored. {@code all} cannot be redefined.
 */
public final class SegmentRoutes {
  private static final long MAX_BODY = 64 * 1024;

  private final SegmentRepository repository;
  private final Executor blocking;
  private final Clock clock;

  public SegmentRoutes(SegmentRepository repository, Executor blocking, Clock clock) {
    this.repository = repository;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes(String tenant) {
    return Directives.pathPrefix("segments", () -> Directives.concat(
        Directives.pathEnd(() -> Directives.get(() -> list(tenant))),
        Directives.path(PathMatchers.segment(), name -> Directives.concat(
            Directives.get(() -> get(tenant, name)),
            Directives.put(() -> ApiDirectives.jsonBody(MAX_BODY, json -> {
              Validated<SegmentDefinition> parsed = SegmentInput.parse(json);
              if (parsed instanceof Validated.Invalid<SegmentDefinition> bad) {
                return Directives.complete(Problems.badRequest(bad.code(), bad.message()));
              }
              return put(tenant, name, parsed.get());
            })),
            Directives.delete(() -> delete(tenant, name))))));
  }

  private Route list(String tenant) {
    return answer(() -> {
      List<Map<String, Object>> out = new ArrayList<>();
      out.add(builtIn());
      repository.list(tenant).forEach((name, d) -> out.add(body(name, d)));
      return Json.ok(Map.of("segments", out));
    });
  }

  private Route get(String tenant, String name) {
    if (SegmentInput.BUILT_IN.equals(name)) return Directives.complete(Json.ok(builtIn()));
    return answer(() -> repository.get(tenant, name).map(d -> Json.ok(body(name, d)))
        .orElseGet(() -> Problems.notFound("segment " + name + " is not defined")));
  }

  private Route put(String tenant, String name, SegmentDefinition definition) {
    if (SegmentInput.BUILT_IN.equals(name)) {
      return Directives.complete(Problems.badRequest("built_in_segment", "segment all is built in and cannot be redefined"));
    }
    if (!SegmentInput.NAME.matcher(name).matches()) {
      return Directives.complete(Problems.badRequest("invalid_segment_name",
          "a segment name is 1..64 characters of [a-z0-9_-], starting with a letter or digit"));
    }
    return answer(() -> repository.put(tenant, name, definition, clock.instant())
        ? Json.ok(body(name, definition))
        : Problems.conflict("a tenant has at most " + SegmentRepository.MAX_SEGMENTS + " segments"));
  }

  private Route delete(String tenant, String name) {
    if (SegmentInput.BUILT_IN.equals(name)) {
      return Directives.complete(Problems.badRequest("built_in_segment", "segment all is built in and cannot be deleted"));
    }
    return answer(() -> repository.delete(tenant, name) ? HttpResponse.create().withStatus(StatusCodes.NO_CONTENT)
        : Problems.notFound("segment " + name + " is not defined"));
  }

  private static Map<String, Object> builtIn() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", SegmentInput.BUILT_IN);
    out.put("builtIn", true);
    out.put("filter", Map.of("all", List.of()));
    out.put("controls", List.of());
    return out;
  }

  private static Map<String, Object> body(String name, SegmentDefinition d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("builtIn", false);
    out.put("filter", SegmentInput.json(d.filter()));
    out.put("controls", d.controls());
    return out;
  }

  private Route answer(SqlCall<HttpResponse> call) {
    return ApiDirectives.onResult(SqlCall.async(blocking, call), r -> r);
  }
}
