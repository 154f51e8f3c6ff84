package io.limbic.cluster.http;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Cross-origin ingestion from the pages publishable keys were given to. A preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method: POST}) is answered 204 only for an origin some
 * publishable key lists; any other {@code OPTIONS} goes on to the routes (and is a 404 or 405 as before). Only
 * POSTs, and GETs outside {@code /v1} (PostHog's flag and config polls), get {@code Access-Control-Allow-Origin}:
 * a page may send data in, never read what it became. The key sent
 * with the POST is then held to its own origins ({@link ApiDirectives#caller}).
 */
public final class Cors {
  static final String ALLOWED_HEADERS = "authorization, content-type, content-encoding";
  private static final int MAX_AGE_SECONDS = 600;

  private Cors() {}

  public static Route around(Supplier<PublishableKeys> current, Supplier<Route> inner) {
    return Directives.extractRequest(request -> {
      PublishableKeys keys = current.get();
      Optional<String> origin = request.getHeader("Origin").map(HttpHeader::value);
      if (origin.isEmpty() || !keys.anyKeyAllows(origin.get())) return inner.get();
      boolean preflight = request.method().equals(HttpMethods.OPTIONS)
          && request.getHeader("Access-Control-Request-Method").map(h -> h.value().strip()).orElse("").equals("POST");
      if (preflight) return Directives.complete(preflightAnswer(origin.get()));
      // PostHog's flag and config polls (outside /v1) are GETs a page must be able to read; they reveal nothing.
      boolean readable = request.method().equals(HttpMethods.POST)
          || (request.method().equals(HttpMethods.GET) && !request.getUri().path().startsWith("/v1/"));
      if (!readable) return inner.get();
      return Directives.respondWithHeaders(allowOrigin(origin.get()), inner);
    });
  }

  private static HttpResponse preflightAnswer(String origin) {
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(List.of(
        RawHeader.create("Access-Control-Allow-Origin", origin),
        RawHeader.create("Access-Control-Allow-Methods", "POST"),
        RawHeader.create("Access-Control-Allow-Headers", ALLOWED_HEADERS),
        RawHeader.create("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS)),
        RawHeader.create("Vary", "Origin")));
  }

  private static List<HttpHeader> allowOrigin(String origin) {
    return List.of(RawHeader.create("Access-Control-Allow-Origin", origin), RawHeader.create("Vary", "Origin"));
  }
}
