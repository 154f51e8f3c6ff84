package io.limbic.cluster.http;

import io.limbic.protocol.session.Arrival;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * When each request reached the server: stamped outermost, before correlation, authentication, rate limits and
 * before its body is read, and handed to the routes that measure from there (telemetry: detection latency).
 */
public final class Arrivals {
  private static final AttributeKey<Arrival> ARRIVAL = AttributeKey.create("limbic-arrival", Arrival.class);

  private Arrivals() {}

  public static Route stamped(Supplier<Route> inner) {
    return Directives.mapRequest(request -> request.addAttribute(ARRIVAL, Arrival.now()), inner);
  }

  /** The request's arrival; one stamped now outside {@link #stamped} (as in route tests). */
  public static Route arrival(Function<Arrival, Route> inner) {
    return Directives.optionalAttribute(ARRIVAL, arrival -> inner.apply(arrival.orElseGet(Arrival::now)));
  }
}
