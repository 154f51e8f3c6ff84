package io.limbic.cluster.health;

import io.limbic.cluster.http.Problems;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Refuses requests at once with 503 {@code database_unavailable} and {@code Retry-After} while the database is
 * lost ({@link DatabaseHealth}), instead of letting each wait the ask timeout for an entity that cannot persist.
 */
public final class DatabaseGate {
  private DatabaseGate() {}

  public static Route around(DatabaseHealth health, Supplier<Route> inner) {
    return Directives.extractRequestContext(ctx -> {
      if (!health.isLost()) return inner.get();
      health.refused();
      return Directives.complete(Problems.databaseUnavailable());
    });
  }
}
