package io.limbic.projections.schedules;

import io.limbic.projections.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code job_schedules} table; blocking JDBC on the read-model pool, each method commits what it wrote. */
public final class ScheduleRepository {
  private static final int MAX_ERROR = 2000;
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS = "tenant, name, kind, cron, enabled, request_json, effective_from, updated_at,"
      + " last_period, last_job_id, last_run_at, last_outcome, last_error, attempts, retry_at, checked_at";

  private final DataSource dataSource;

  public ScheduleRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates or changes a schedule. Periods that began before this minute are not run for it: a schedule changed
   * at 10:00 to run nightly at 02:00 runs first the next night.
   */
  public Schedule put(String tenant, String name, String kind, String cron, boolean enabled, String requestJson,
      Instant now) throws SQLException {
    Instant from = now.truncatedTo(ChronoUnit.MINUTES);
    String update = "UPDATE job_schedules SET kind = ?, cron = ?, enabled = ?, request_json = ?, effective_from = ?,"
        + " updated_at = ? WHERE tenant = ? AND name = ?";
    if (Rows.update(dataSource, update, kind, cron, enabled, requestJson, Rows.utc(from), Rows.utc(now), tenant, name) == 0
        && !insert(tenant, name, kind, cron, enabled, requestJson, from, now)) {
      Rows.update(dataSource, update, kind, cron, enabled, requestJson, Rows.utc(from), Rows.utc(now), tenant, name);
    }
    return find(tenant, name).orElseThrow();
  }

  /** Adds a schedule unless the tenant has one of this name (changed or disabled ones stay as they are). */
  public boolean insert(String tenant, String name, String kind, String cron, boolean enabled, String requestJson,
      Instant from, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO job_schedules (tenant, name, kind, cron, enabled,"
            + " request_json, effective_from, updated_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
      Rows.bind(s, tenant, name, kind, cron, enabled, requestJson, Rows.utc(from), Rows.utc(now));
      try {
        s.executeUpdate();
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) return false;
        throw e;
      }
    }
  }

  public Optional<Schedule> find(String tenant, String name) throws SQLException {
    return select("SELECT " + COLUMNS + " FROM job_schedules WHERE tenant = ? AND name = ?", tenant, name).stream()
        .findFirst();
  }

  public List<Schedule> list(String tenant) throws SQLException {
    return select("SELECT " + COLUMNS + " FROM job_schedules WHERE tenant = ? ORDER BY name", tenant);
  }

  public List<Schedule> enabled() throws SQLException {
    return select("SELECT " + COLUMNS + " FROM job_schedules WHERE enabled = TRUE ORDER BY tenant, name");
  }

  /** Tenants with data: those the user-activity read model has users of. */
  public List<String> tenantsWithData() throws SQLException {
    List<String> tenants = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT DISTINCT tenant FROM user_activity");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) tenants.add(rs.getString(1));
      c.commit();
    }
    return tenants;
  }

  /** A run of {@code period} was submitted as {@code jobId} (attempt {@code attempts} of that period). */
  public void ran(String tenant, String name, Instant period, String jobId, int attempts, Instant now)
      throws SQLException {
    Rows.update(dataSource, "UPDATE job_schedules SET last_period = ?, last_job_id = ?, last_run_at = ?, last_outcome = 'queued',"
        + " last_error = NULL, attempts = ?, retry_at = NULL WHERE tenant = ? AND name = ?",
        Rows.utc(period), jobId, Rows.utc(now), attempts, tenant, name);
  }

  /** What became of the last run; {@code retryAt} when a failed run is to be retried. */
  public void outcome(String tenant, String name, String outcome, String error, Instant retryAt) throws SQLException {
    Rows.update(dataSource, "UPDATE job_schedules SET last_outcome = ?, last_error = ?, retry_at = ? WHERE tenant = ? AND name = ?",
        outcome, truncate(error), Rows.utc(retryAt), tenant, name);
  }

  public void checked(String tenant, String name, Instant now) throws SQLException {
    Rows.update(dataSource, "UPDATE job_schedules SET checked_at = ? WHERE tenant = ? AND name = ?", Rows.utc(now), tenant, name);
  }



  private List<Schedule> select(String sql, Object... args) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      Rows.bind(s, args);
      List<Schedule> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Schedule(rs.getString("tenant"), rs.getString("name"), rs.getString("kind"),
              rs.getString("cron"), rs.getBoolean("enabled"), rs.getString("request_json"),
              Rows.instant(rs, "effective_from"), Rows.instant(rs, "updated_at"), Rows.instant(rs, "last_period"),
              rs.getString("last_job_id"), Rows.instant(rs, "last_run_at"), rs.getString("last_outcome"),
              rs.getString("last_error"), rs.getInt("attempts"), Rows.instant(rs, "retry_at"), Rows.instant(rs, "checked_at")));
        }
      }
      c.commit();
      return out;
    }
  }



  private static String truncate(String s) {
    return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }
}
