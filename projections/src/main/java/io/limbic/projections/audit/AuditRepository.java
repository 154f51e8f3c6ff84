package io.limbic.projections.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit log (table {@code audit_log}). An action is {@linkplain #begin begun} (stored, with no status) before
 * it runs and {@linkplain #finish finished} with the status of its answer. Blocking: run it on the blocking
 * dispatcher.
 */
public final class AuditRepository {
  private final DataSource dataSource;

  public AuditRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the action, committed, with no status yet; its id. */
  public long begin(AuditAction a) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (tenant, occurred_at, actor, roles,"
          + " action_name, target, correlation_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, a.tenant());
        ps.setObject(2, a.at().atOffset(ZoneOffset.UTC));
        ps.setString(3, a.actor());
        ps.setString(4, String.join("+", a.roles()));
        ps.setString(5, a.action());
        setNullable(ps, 6, a.target());
        setNullable(ps, 7, a.correlationId());
        setNullable(ps, 8, a.requestId());
        ps.executeUpdate();
        long id;
        try (ResultSet keys = ps.getGeneratedKeys()) {
          if (!keys.next()) throw new SQLException("the audit entry's id was not returned");
          id = keys.getLong("entry_id");
        }
        c.commit();
        return id;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Records the status the action was answered with and, for an action begun without a target (a creation), the
   * id of what it created ({@code created}, may be null).
   */
  public void finish(long id, int status, String created) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE audit_log SET status_code = ?,"
            + " target = COALESCE(target, CAST(? AS VARCHAR(256))) WHERE entry_id = ?")) {
      ps.setInt(1, status);
      setNullable(ps, 2, created == null || created.length() <= AuditAction.MAX_TARGET ? created
          : created.substring(0, AuditAction.MAX_TARGET));
      ps.setLong(3, id);
      ps.executeUpdate();
      c.commit();
    }
  }

  /** One page of the tenant's entries, newest first. */
  public List<AuditEntry> page(AuditQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT entry_id, tenant, occurred_at, actor, roles, action_name, target,"
        + " status_code, correlation_id, request_id FROM audit_log WHERE tenant = ?");
    List<Object> args = new ArrayList<>(List.of(q.tenant()));
    if (q.from() != null) {
      sql.append(" AND occurred_at >= ?");
      args.add(q.from().atOffset(ZoneOffset.UTC));
    }
    if (q.to() != null) {
      sql.append(" AND occurred_at < ?");
      args.add(q.to().atOffset(ZoneOffset.UTC));
    }
    if (q.action() != null) {
      sql.append(" AND action_name = ?");
      args.add(q.action());
    }
    if (q.before() != null) {
      sql.append(" AND entry_id < ?");
      args.add(q.before());
    }
    sql.append(" ORDER BY entry_id DESC LIMIT ").append(q.limit());
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(entry(rs));
      }
      c.rollback();
      return out;
    }
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    String roles = rs.getString(5);
    AuditAction action = new AuditAction(rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
        rs.getString(4), roles.isEmpty() ? List.of() : Arrays.asList(roles.split("\\+")), rs.getString(6),
        rs.getString(7), rs.getString(9), rs.getString(10));
    int code = rs.getInt(8);
    Integer status = rs.wasNull() ? null : code;
    return new AuditEntry(rs.getLong(1), action, status);
  }

  private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) ps.setNull(index, Types.VARCHAR);
    else ps.setString(index, value);
  }
}
