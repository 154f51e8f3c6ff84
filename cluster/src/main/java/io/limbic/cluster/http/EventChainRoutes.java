package io.limbic.cluster.http;

import io.limbic.projections.chain.ChainLink;
import io.limbic.projections.chain.EventChainRepository;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/events?correlationId=...}: the events one request caused (and what those caused in turn), in
 * journal order, for the caller's tenant only; at most {@link EventChainRepository#MAX_EVENTS}. Read from the
 * {@code event_chain} read model, so events appear as the projection catches up.
 */
public final class EventChainRoutes {
  private final EventChainRepository repository;
  private final Executor blocking;

  public EventChainRoutes(EventChainRepository repository, Executor blocking) {
    this.repository = repository;
    this.blocking = blocking;
  }

  public Route routes(String tenant) {
    return Directives.path(
        "events",
        () -> Directives.get(() -> Directives.parameterOptional("correlationId", id -> chain(tenant, id))));
  }

  private Route chain(String tenant, Optional<String> correlationId) {
    if (correlationId.isEmpty() || !Correlation.isValid(correlationId.get())) {
      return Directives.complete(
          Problems.badRequest(
              "invalid_parameter",
              "correlationId is required: 1 to " + Correlation.MAX_LENGTH
                  + " characters of letters, digits and . _ - : + / ="));
    }
    String id = correlationId.get();
    CompletableFuture<Map<String, Object>> body =
        CompletableFuture.supplyAsync(() -> body(id, read(tenant, id)), blocking);
    return ApiDirectives.onResult(body, Json::ok);
  }

  private List<ChainLink> read(String tenant, String correlationId) {
    try {
      return repository.chain(tenant, correlationId);
    } catch (SQLException e) {
      throw new IllegalStateException("event chain query failed", e);
    }
  }

  private static Map<String, Object> body(String correlationId, List<ChainLink> events) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("correlationId", correlationId);
    body.put("events", events);
    return body;
  }
}
