package io.limbic.cluster.http;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** One JDBC call of a route: it blocks and may throw {@link SQLException}, so it runs on the blocking pool. */
@FunctionalInterface
interface SqlCall<T> {
  T run() throws SQLException;

  /** Runs {@code call} on {@code blocking}; its SQLException fails the stage (answered by ApiDirectives.onResult). */
  static <T> CompletableFuture<T> async(Executor blocking, SqlCall<T> call) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return call.run();
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    }, blocking);
  }

  /** Runs {@code call} here (already on the blocking pool), its SQLException unchecked and named by {@code what}. */
  static <T> T now(String what, SqlCall<T> call) {
    try {
      return call.run();
    } catch (SQLException e) {
      throw new IllegalStateException(what + " failed", e);
    }
  }
}
