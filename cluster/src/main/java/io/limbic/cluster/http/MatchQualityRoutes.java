package io.limbic.cluster.http;

import io.limbic.projections.matching.MatchQuality;
import io.limbic.projections.matching.MatchesRepository;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /v1/matches/quality}: online precision@10 and score calibration of the tenant's logged matches. */
public final class MatchQualityRoutes {
  private final MatchesRepository repository;
  private final Executor blocking;

  public MatchQualityRoutes(MatchesRepository repository, Executor blocking) {
    this.repository = repository;
    this.blocking = blocking;
  }

  public Route routes(String tenant) {
    return Directives.path(
        PathMatchers.segment("matches").slash("quality"),
        () -> Directives.get(() -> ApiDirectives.onResult(quality(tenant), Json::ok)));
  }

  private CompletableFuture<MatchQuality> quality(String tenant) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return repository.quality(tenant);
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException("match quality query failed", e);
          }
        },
        blocking);
  }
}
