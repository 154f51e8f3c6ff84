package io.limbic.cluster.http;

import java.time.Duration;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route, served without a key (it holds no tenant's
 * data) and cacheable by anyone for five minutes.
 */
public final class OpenApiRoutes {
  private static final long MAX_AGE_SECONDS = Duration.ofMinutes(5).toSeconds();

  private OpenApiRoutes() {}

  public static Route route() {
    return Directives.path("openapi.json", () -> Directives.get(() -> Directives.respondWithHeader(
        CacheControl.create(CacheDirectives.PUBLIC, CacheDirectives.MAX_AGE(MAX_AGE_SECONDS)),
        () -> Directives.getFromResource("openapi.json", ContentTypes.APPLICATION_JSON))));
  }
}
