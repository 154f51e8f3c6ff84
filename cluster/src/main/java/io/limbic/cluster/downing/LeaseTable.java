package io.limbic.cluster.downing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code cluster_leases} table (migration V43). Every write is a compare-and-set on the row's version, and
 * times are the database's clock, so nodes with skewed clocks agree on expiry. Blocking; one call per transaction.
 */
final class LeaseTable {
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final int queryTimeoutSeconds;

  LeaseTable(DataSource dataSource, Duration operationTimeout) {
    this.dataSource = dataSource;
    this.queryTimeoutSeconds = (int) Math.max(1, operationTimeout.toSeconds());
  }

  /** Takes or renews the lease for {@code owner} if it is free, expired or its own; the row written, if any. */
  Optional<LeaseRow> claim(String name, String owner, Duration timeout) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try {
        OffsetDateTime now = now(connection);
        Optional<LeaseRow> row = read(connection, name);
        Optional<LeaseRow> claimed;
        if (row.isEmpty()) {
          claimed = insert(connection, name, new LeaseRow(owner, now.plus(timeout), 1));
        } else if (row.get().takeableBy(owner, now)) {
          claimed = compareAndSet(connection, name, row.get().version(), row.get().claimedBy(owner, now, timeout));
        } else {
          claimed = Optional.empty();
        }
        connection.commit();
        return claimed;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Extends the lease while it is still {@code owner}'s at {@code version}; empty when someone else wrote it. */
  Optional<LeaseRow> renew(String name, String owner, long version, Duration timeout) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try {
        OffsetDateTime now = now(connection);
        LeaseRow ours = new LeaseRow(owner, now, version);
        Optional<LeaseRow> renewed = compareAndSet(connection, name, version, ours.claimedBy(owner, now, timeout));
        connection.commit();
        return renewed.filter(row -> row.owner().equals(owner));
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Frees the lease if {@code owner} holds it; whether a row was freed. */
  boolean release(String name, String owner) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE cluster_leases SET owner = ?, version = version + 1 WHERE lease_name = ? AND owner = ?")) {
        update.setQueryTimeout(queryTimeoutSeconds);
        update.setString(1, LeaseRow.FREE);
        update.setString(2, name);
        update.setString(3, owner);
        int rows = update.executeUpdate();
        connection.commit();
        return rows == 1;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private Optional<LeaseRow> compareAndSet(Connection connection, String name, long expected, LeaseRow next)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE cluster_leases SET owner = ?, expires_at = ?, version = ? WHERE lease_name = ? AND version = ?")) {
      update.setQueryTimeout(queryTimeoutSeconds);
      update.setString(1, next.owner());
      update.setObject(2, next.expiresAt());
      update.setLong(3, next.version());
      update.setString(4, name);
      update.setLong(5, expected);
      return update.executeUpdate() == 1 ? Optional.of(next) : Optional.empty();
    }
  }

  private Optional<LeaseRow> insert(Connection connection, String name, LeaseRow row) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO cluster_leases (lease_name, owner, expires_at, version) VALUES (?, ?, ?, ?)")) {
      insert.setQueryTimeout(queryTimeoutSeconds);
      insert.setString(1, name);
      insert.setString(2, row.owner());
      insert.setObject(3, row.expiresAt());
      insert.setLong(4, row.version());
      insert.executeUpdate();
      return Optional.of(row);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) throw e;
      connection.rollback(); // another node inserted it first (PostgreSQL has aborted the transaction)
      return Optional.empty();
    }
  }

  private Optional<LeaseRow> read(Connection connection, String name) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT owner, expires_at, version FROM cluster_leases WHERE lease_name = ?")) {
      select.setQueryTimeout(queryTimeoutSeconds);
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) return Optional.empty();
        return Optional.of(new LeaseRow(rows.getString(1), rows.getObject(2, OffsetDateTime.class), rows.getLong(3)));
      }
    }
  }

  private OffsetDateTime now(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT CURRENT_TIMESTAMP")) {
      select.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getObject(1, OffsetDateTime.class);
      }
    }
  }
}
