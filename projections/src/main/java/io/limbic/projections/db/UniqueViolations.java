package io.limbic.projections.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A row inserted by a concurrent transaction between our check and our insert: SQLState 23505 on PostgreSQL and on
 * H2 alike. PostgreSQL aborts the whole transaction on it, so an insert that may meet one either runs under a
 * savepoint and the transaction goes on after it ({@link #unlessPresent}, {@link #eachUnlessPresent}, and
 * {@link #addingUp}, which runs it again), or runs as a whole transaction that is tried again and then reads the
 * rival's row ({@link #retrying}).
 */
public final class UniqueViolations {
  public static final String SQL_STATE = "23505";
  /** Runs of an additive MERGE at most: one is repeated only when a rival inserted one of its rows first. */
  private static final int UPSERT_ATTEMPTS = 8;

  /** One JDBC step that may throw. */
  @FunctionalInterface
  public interface Step {
    void run() throws SQLException;
  }

  /** One attempt at a write a concurrent one may beat to a unique key; it rolls its transaction back if it throws. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws SQLException;
  }

  /** Inserts {@code rows} on a statement of the caller's transaction (a batch, or a single row). */
  @FunctionalInterface
  public interface Batch<T> {
    void insert(List<T> rows) throws SQLException;
  }

  private UniqueViolations() {}

  /**
   * Runs {@code attempt} at most {@code attempts} times: again after a unique violation (a concurrent writer was
   * first; the next attempt finds its row), not after any other error. When every attempt met a violation the last
   * one is thrown, so a caller never takes a write that lost every race for done.
   */
  public static <T> T retrying(int attempts, Attempt<T> attempt) throws SQLException {
    if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (SQLException e) {
        if (!is(e) || n >= attempts) throw e;
      }
    }
  }

  /** Whether {@code e}, a batch's next exception, or a cause is a unique-key violation. */
  public static boolean is(SQLException e) {
    return any(e, violation -> true);
  }

  /**
   * Whether {@code e} is a unique violation of {@code constraint}: PostgreSQL's message quotes the constraint's
   * name, H2's names it before its index, so the name (any case) is looked for as a whole word in the message of
   * the violation, a batch's next exception or a cause.
   */
  public static boolean of(SQLException e, String constraint) {
    Pattern named = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(constraint) + "(?![A-Za-z0-9_])",
        Pattern.CASE_INSENSITIVE);
    return any(e, violation -> violation.getMessage() != null && named.matcher(violation.getMessage()).find());
  }

  /** Whether a unique violation among {@code e}, its next exceptions and its causes passes {@code test}. */
  private static boolean any(SQLException e, Predicate<SQLException> test) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (SQL_STATE.equals(next.getSQLState()) && test.test(next)) return true;
          if (next.getNextException() == next) break;
        }
      }
      if (t.getCause() == t) break;
    }
    return false;
  }

  /**
   * Runs {@code insert} on {@code c} (not in auto-commit) under a savepoint: true if it went through, false if a
   * unique key refused it, the transaction then as it was before the insert.
   */
  public static boolean unlessPresent(Connection c, Step insert) throws SQLException {
    Savepoint before = c.setSavepoint();
    try {
      insert.run();
    } catch (SQLException e) {
      if (!is(e)) throw e;
      c.rollback(before);
      return false;
    }
    c.releaseSavepoint(before);
    return true;
  }

  /** Binds a batch's rows to an upsert statement. */
  @FunctionalInterface
  public interface Rows {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * An additive upsert of rows that concurrent transactions may insert first (a tenant's totals every projection
   * instance adds to), in one batch on {@code c} (not in auto-commit). On PostgreSQL {@code onConflict}
   * ({@code INSERT ... ON CONFLICT DO UPDATE}, which waits for the rival and adds to its row); elsewhere
   * {@code merge}, under a savepoint and again when a rival inserted one of its rows first (a MERGE that finds no
   * row inserts one): the next run finds that row. Both statements take the same parameters.
   */
  public static void addingUp(Connection c, String merge, String onConflict, Rows rows) throws SQLException {
    if (DatabaseSettings.Dialect.of(c) == DatabaseSettings.Dialect.POSTGRES) {
      batch(c, onConflict, rows);
    } else {
      upserting(c, UPSERT_ATTEMPTS, () -> batch(c, merge, rows));
    }
  }

  private static void batch(Connection c, String sql, Rows rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      rows.bind(ps);
      ps.executeBatch();
    }
  }

  /**
   * Runs an upsert on {@code c} (not in auto-commit) under a savepoint, and again when a concurrent transaction
   * inserted one of its rows first. At most {@code attempts} runs; the last violation is thrown.
   */
  static void upserting(Connection c, int attempts, Step upsert) throws SQLException {
    for (int n = 1; ; n++) {
      Savepoint before = c.setSavepoint();
      try {
        upsert.run();
        c.releaseSavepoint(before);
        return;
      } catch (SQLException e) {
        if (!is(e) || n >= attempts) throw e;
        c.rollback(before);
      }
    }
  }

  /**
   * Inserts {@code rows} on {@code c} (not in auto-commit), leaving out those a unique key already holds: all in
   * one go under a savepoint, and only if a concurrent transaction was first with one of them, one by one, each
   * under its own savepoint, so the others still go in.
   */
  public static <T> void eachUnlessPresent(Connection c, List<T> rows, Batch<T> insert) throws SQLException {
    if (rows.isEmpty() || unlessPresent(c, () -> insert.insert(rows))) return;
    for (T row : rows) unlessPresent(c, () -> insert.insert(List.of(row)));
  }
}
