package io.limbic.cluster.http;

import io.limbic.projections.activity.ActivityReport;
import io.limbic.projections.activity.UserActivityRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /v1/activity?activeWithin=PT5M}: who of the caller's tenant was active recently. */
public final class ActivityRoutes {
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  static final Duration MAX_WINDOW = Duration.ofDays(30);
  static final int PAGE = 100;

  private final UserActivityRepository repository;
  private final Executor blocking;
  private final Clock clock;

  public ActivityRoutes(UserActivityRepository repository, Executor blocking, Clock clock) {
    this.repository = repository;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** Routes for an already authenticated tenant. */
  public Route routes(String tenant) {
    return Directives.path(
        "activity",
        () ->
            Directives.get(
                () ->
                    Directives.parameterOptional(
                        "activeWithin", window -> activity(tenant, window))));
  }

  private Route activity(String tenant, Optional<String> windowParam) {
    Duration window;
    try {
      window = windowParam.map(Duration::parse).orElse(DEFAULT_WINDOW);
    } catch (DateTimeParseException e) {
      return Directives.complete(
          Problems.badRequest("invalid_parameter", "activeWithin must be an ISO-8601 duration such as PT5M"));
    }
    if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
      return Directives.complete(
          Problems.badRequest("invalid_parameter", "activeWithin must be positive and at most P30D"));
    }
    var since = clock.instant().minus(window);
    CompletableFuture<ActivityReport> report =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return repository.activeSince(tenant, since, PAGE);
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException("activity query failed", e);
              }
            },
            blocking);
    return ApiDirectives.onResult(report, Json::ok);
  }
}
