package io.limbic.projections.jobs;

import io.limbic.projections.db.Rows;
import io.limbic.projections.db.UniqueViolations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code jobs} table. Blocking JDBC on the read-model pool (auto-commit off: every method commits what it
 * wrote). Every change of state is one conditional UPDATE whose row count says whether it happened, so two nodes on
 * one database never both start a job, and a node that lost a job's lease cannot write its outcome.
 */
public final class JobRepository {
  private static final int MAX_ERROR = 2000;
  private static final String COLUMNS = "id, tenant, kind, state, progress, request_json, result_json, error_code,"
      + " error, idempotency_key, attempts, cancel_requested, created_at, started_at, finished_at";

  /** A running job whose lease lapsed: who it was and how often it was started. */
  public record Lapsed(String id, int attempts, boolean cancelRequested) {}

  private final DataSource dataSource;

  public JobRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Queues a job, or returns the id of the tenant's job of this kind with the same key. Empty when the tenant has
   * {@code maxQueued} jobs queued already. Another node queueing the same key between our look-up and our insert
   * makes our insert meet its row: the look-up then runs again and that job is the answer.
   */
  public Optional<String> insert(
      String tenant, String kind, String requestJson, String idempotencyKey, int maxQueued, Instant now)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return UniqueViolations.retrying(idempotencyKey == null ? 1 : 2,
          () -> queue(c, tenant, kind, requestJson, idempotencyKey, maxQueued, now));
    }
  }

  private static Optional<String> queue(Connection c,
      String tenant, String kind, String requestJson, String idempotencyKey, int maxQueued, Instant now)
      throws SQLException {
    if (idempotencyKey != null) {
      Optional<String> existing = idFor(c, tenant, kind, idempotencyKey);
      if (existing.isPresent()) return existing;
    }
    if (queued(c, tenant) >= maxQueued) return Optional.empty();
    String id = UUID.randomUUID().toString();
    try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (id, tenant, kind, state, progress,"
        + " request_json, idempotency_key, attempts, cancel_requested, created_at)"
        + " VALUES (?, ?, ?, 'queued', 0, ?, ?, 0, FALSE, ?)")) {
      s.setString(1, id);
      s.setString(2, tenant);
      s.setString(3, kind);
      s.setString(4, requestJson);
      s.setString(5, idempotencyKey);
      s.setObject(6, Rows.utc(now));
      s.executeUpdate();
      c.commit();
      return Optional.of(id);
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }

  private static Optional<String> idFor(Connection c, String tenant, String kind, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id FROM jobs WHERE tenant = ? AND kind = ? AND idempotency_key = ?")) {
      s.setString(1, tenant);
      s.setString(2, kind);
      s.setString(3, key);
      try (ResultSet rs = s.executeQuery()) {
        Optional<String> id = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        c.commit();
        return id;
      }
    }
  }

  private static long queued(Connection c, String tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM jobs WHERE tenant = ? AND state = 'queued'")) {
      s.setString(1, tenant);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The job if it belongs to {@code tenant}. */
  public Optional<Job> find(String tenant, String id) throws SQLException {
    List<Job> found = select("SELECT " + COLUMNS + " FROM jobs WHERE id = ? AND tenant = ?", 1, id, tenant);
    return found.stream().findFirst();
  }

  /** The tenant's jobs, newest first; in one state when given. */
  public List<Job> list(String tenant, Optional<JobState> state, int limit) throws SQLException {
    return state.isPresent()
        ? select("SELECT " + COLUMNS + " FROM jobs WHERE tenant = ? AND state = ? ORDER BY created_at DESC, id",
            limit, tenant, state.get().label())
        : select("SELECT " + COLUMNS + " FROM jobs WHERE tenant = ? ORDER BY created_at DESC, id", limit, tenant);
  }

  /** Queued jobs of any tenant, oldest first: what a node with free capacity tries to claim. */
  public List<Job> queued(int limit) throws SQLException {
    return select("SELECT " + COLUMNS + " FROM jobs WHERE state = 'queued' ORDER BY created_at, id", limit);
  }

  /** Starts the job on {@code node} if it is still queued; false when another node was first. */
  public boolean claim(String id, String node, Instant now, Instant leaseUntil) throws SQLException {
    return Rows.update(dataSource, "UPDATE jobs SET state = 'running', owner_node = ?, lease_until = ?, started_at = ?,"
        + " progress = 0, attempts = attempts + 1 WHERE id = ? AND state = 'queued'",
        node, Rows.utc(leaseUntil), Rows.utc(now), id) == 1;
  }

  /** Renews the lease and stores the progress of a job this node runs; false when the node lost it. */
  public boolean renew(String id, String node, int progress, Instant leaseUntil) throws SQLException {
    return Rows.update(dataSource, "UPDATE jobs SET progress = ?, lease_until = ? WHERE id = ? AND owner_node = ? AND state = 'running'",
        progress, Rows.utc(leaseUntil), id, node) == 1;
  }

  /** Whether someone asked to cancel this running job. */
  public boolean cancelRequested(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT cancel_requested FROM jobs WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        boolean requested = rs.next() && rs.getBoolean(1);
        c.commit();
        return requested;
      }
    }
  }

  /** Writes the outcome of a job this node runs; false when the node lost it (its lease lapsed meanwhile). */
  public boolean finish(String id, String node, JobState state, String resultJson, String errorCode, String error,
      Instant now) throws SQLException {
    return Rows.update(dataSource, "UPDATE jobs SET state = ?, progress = CASE WHEN ? THEN 100 ELSE progress END, result_json = ?, error_code = ?, error = ?,"
        + " finished_at = ?, owner_node = NULL, lease_until = NULL WHERE id = ? AND owner_node = ? AND state = 'running'",
        state.label(), state == JobState.SUCCEEDED, resultJson, errorCode, truncate(error), Rows.utc(now), id,
        node) == 1;
  }

  /** Gives up this node's lease on a running job at once (graceful stop), so any node may resume it now. */
  public void release(String id, String node, Instant now) throws SQLException {
    Rows.update(dataSource, "UPDATE jobs SET lease_until = ? WHERE id = ? AND owner_node = ? AND state = 'running'", Rows.utc(now), id, node);
  }

  /** Cancels a queued job at once; for a running one, asks its node to stop it. The job as it is then. */
  public Optional<Job> cancel(String tenant, String id, Instant now) throws SQLException {
    Rows.update(dataSource, "UPDATE jobs SET state = 'canceled', finished_at = ? WHERE id = ? AND tenant = ? AND state = 'queued'",
        Rows.utc(now), id, tenant);
    Rows.update(dataSource, "UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND tenant = ? AND state = 'running'", id, tenant);
    return find(tenant, id);
  }

  /** Running jobs whose lease ended before {@code now}. */
  public List<Lapsed> lapsed(Instant now, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT id, attempts, cancel_requested FROM jobs WHERE state = 'running' AND lease_until < ?")) {
      s.setMaxRows(limit);
      s.setObject(1, Rows.utc(now));
      List<Lapsed> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) out.add(new Lapsed(rs.getString(1), rs.getInt(2), rs.getBoolean(3)));
      }
      c.commit();
      return out;
    }
  }

  /** Queues a lapsed job again (it starts from scratch); false when its lease was renewed or it moved meanwhile. */
  public boolean requeue(String id, Instant now) throws SQLException {
    return Rows.update(dataSource, "UPDATE jobs SET state = 'queued', progress = 0, owner_node = NULL, lease_until = NULL,"
        + " started_at = NULL WHERE id = ? AND state = 'running' AND lease_until < ?", id, Rows.utc(now)) == 1;
  }

  /** Ends a lapsed job in {@code state} with an error; false when its lease was renewed or it moved meanwhile. */
  public boolean abandon(String id, JobState state, String errorCode, String error, Instant now) throws SQLException {
    return Rows.update(dataSource, "UPDATE jobs SET state = ?, error_code = ?, error = ?, finished_at = ?, owner_node = NULL,"
        + " lease_until = NULL WHERE id = ? AND state = 'running' AND lease_until < ?",
        state.label(), errorCode, truncate(error), Rows.utc(now), id, Rows.utc(now)) == 1;
  }



  private List<Job> select(String sql, int limit, Object... args) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setMaxRows(limit);
      Rows.bind(s, args);
      List<Job> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) out.add(job(rs));
      }
      c.commit();
      return out;
    }
  }



  private static Job job(ResultSet rs) throws SQLException {
    return new Job(rs.getString("id"), rs.getString("tenant"), rs.getString("kind"),
        JobState.parse(rs.getString("state")).orElseThrow(), rs.getInt("progress"), rs.getString("request_json"),
        rs.getString("result_json"), rs.getString("error_code"), rs.getString("error"),
        rs.getString("idempotency_key"), rs.getInt("attempts"), rs.getBoolean("cancel_requested"),
        Rows.instant(rs, "created_at"), Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }
}
