package io.limbic.cluster.http;

import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /sdk/*}: the browser SDK ({@code limbic.js}) and its demo page, from the classpath folder {@code sdk/}
 * of {@code protocol}. Public: a page loads the SDK before it knows any key.
 */
public final class SdkRoutes {
  private SdkRoutes() {}

  public static Route route() {
    return Directives.pathPrefix("sdk", () -> Directives.get(() -> Directives.getFromResourceDirectory("sdk")));
  }
}
