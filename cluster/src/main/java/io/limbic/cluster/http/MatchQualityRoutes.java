package io.limbic.cluster.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.cluster.matching.TenantWeights;
import io.limbic.projections.matching.MatchesRepository;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/matches/quality}: online precision@10 and score calibration of the tenant's logged matches, and
 * under {@code weights} the P(mutual) model its daily matches are scored with and where it came from.
 */
public final class MatchQualityRoutes {
  private final MatchesRepository repository;
  private final TenantWeights weights;
  private final Executor blocking;

  public MatchQualityRoutes(MatchesRepository repository, TenantWeights weights, Executor blocking) {
    this.repository = repository;
    this.weights = weights;
    this.blocking = blocking;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("matches").slash("quality"),
        () -> Directives.get(() -> ApiDirectives.onResult(quality(tenant), Json::ok)));
  }

  private CompletableFuture<ObjectNode> quality(String tenant) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            ObjectNode report = Json.MAPPER.valueToTree(repository.quality(tenant));
            report.set("weights", Json.MAPPER.valueToTree(weights.inForce(tenant)));
            return report;
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException("match quality query failed", e);
          }
        },
        blocking);
  }
}
