package io.limbic.projections.kpi;

import io.limbic.projections.db.UniqueViolations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a group's {@link KpiFacts} inside the projection's transaction: each amount to the user's and the tenant's
 * hour and day, one batched additive upsert per table, rows in key order (so two instances adding to the same
 * tenant rows lock them in the same order). A user counts once per hour and day in {@code active_users}: the
 * user's stored active rows are read first (one query per user; a user's rows are only ever written by the
 * instance of its tag), and only new periods add to the tenant's count.
 */
final class KpiFactWriter {
  private static final String ADD_USER =
      "MERGE INTO kpi_user_facts k USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, CAST(? AS VARCHAR(255)) AS user_id, "
          + "CAST(? AS CHAR(1)) AS grain, CAST(? AS TIMESTAMP WITH TIME ZONE) AS t, CAST(? AS VARCHAR(200)) AS name, "
          + "CAST(? AS NUMERIC(24, 6)) AS amount) s ON k.tenant = s.tenant AND k.grain = s.grain AND k.t = s.t "
          + "AND k.name = s.name AND k.user_id = s.user_id "
          + "WHEN MATCHED THEN UPDATE SET amount = k.amount + s.amount "
          + "WHEN NOT MATCHED THEN INSERT (tenant, user_id, grain, t, name, amount) "
          + "VALUES (s.tenant, s.user_id, s.grain, s.t, s.name, s.amount)";
  private static final String ADD_TENANT =
      "MERGE INTO kpi_tenant_facts k USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, CAST(? AS CHAR(1)) AS grain, "
          + "CAST(? AS TIMESTAMP WITH TIME ZONE) AS t, CAST(? AS VARCHAR(200)) AS name, "
          + "CAST(? AS NUMERIC(24, 6)) AS amount) s ON k.tenant = s.tenant AND k.grain = s.grain AND k.t = s.t "
          + "AND k.name = s.name WHEN MATCHED THEN UPDATE SET amount = k.amount + s.amount "
          + "WHEN NOT MATCHED THEN INSERT (tenant, grain, t, name, amount) "
          + "VALUES (s.tenant, s.grain, s.t, s.name, s.amount)";
  /**
   * The same on PostgreSQL. A MERGE that finds no row inserts one, and fails on the unique key when a concurrent
   * transaction inserted it first (every projection instance adds to a tenant's rows): see
   * {@link UniqueViolations#addingUp}.
   */
  private static final String ADD_TENANT_POSTGRES =
      "INSERT INTO kpi_tenant_facts AS k (tenant, grain, t, name, amount) VALUES (?, ?, ?, ?, ?) "
          + "ON CONFLICT (tenant, grain, t, name) DO UPDATE SET amount = k.amount + EXCLUDED.amount";
  private static final String ACTIVE_PERIODS =
      "SELECT grain, t FROM kpi_user_facts WHERE tenant = ? AND user_id = ? AND name = '" + KpiNames.ACTIVE_USERS
          + "' AND t >= ? AND t <= ?";

  private record UserRow(String tenant, String userId, String grain, Instant t, String name) {}

  private record TenantRow(String tenant, String grain, Instant t, String name) {}

  private static final Comparator<UserRow> USER_ORDER = Comparator.comparing(UserRow::tenant)
      .thenComparing(UserRow::grain).thenComparing(UserRow::t).thenComparing(UserRow::name)
      .thenComparing(UserRow::userId);
  private static final Comparator<TenantRow> TENANT_ORDER = Comparator.comparing(TenantRow::tenant)
      .thenComparing(TenantRow::grain).thenComparing(TenantRow::t).thenComparing(TenantRow::name);

  private KpiFactWriter() {}

  static void write(Connection c, KpiFacts facts) throws SQLException {
    if (facts.isEmpty()) return;
    Map<UserRow, BigDecimal> users = new TreeMap<>(USER_ORDER);
    Map<TenantRow, BigDecimal> tenants = new TreeMap<>(TENANT_ORDER);
    facts.amounts.forEach((key, amount) -> {
      for (Grain grain : Grain.values()) {
        Instant t = grain.floor(key.hour());
        if (key.userId() != null) {
          users.merge(new UserRow(key.tenant(), key.userId(), grain.code(), t, key.name()), amount, BigDecimal::add);
        }
        tenants.merge(new TenantRow(key.tenant(), grain.code(), t, key.name()), amount, BigDecimal::add);
      }
    });
    for (Map.Entry<KpiFacts.Presence, Set<Instant>> e : facts.activeHours.entrySet()) {
      addPresence(c, e.getKey(), KpiFacts.sorted(e.getValue()), users, tenants);
    }
    addUsers(c, users);
    addTenants(c, tenants);
  }

  private static void addPresence(Connection c, KpiFacts.Presence who, List<Instant> hours,
      Map<UserRow, BigDecimal> users, Map<TenantRow, BigDecimal> tenants) throws SQLException {
    Set<String> known = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(ACTIVE_PERIODS)) {
      ps.setString(1, who.tenant());
      ps.setString(2, who.userId());
      ps.setObject(3, time(Grain.DAY.floor(hours.get(0))));
      ps.setObject(4, time(hours.get(hours.size() - 1)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) known.add(rs.getString(1) + rs.getObject(2, OffsetDateTime.class).toInstant());
      }
    }
    for (Instant hour : hours) {
      for (Grain grain : Grain.values()) {
        Instant t = grain.floor(hour);
        if (!known.add(grain.code() + t)) continue;
        users.put(new UserRow(who.tenant(), who.userId(), grain.code(), t, KpiNames.ACTIVE_USERS), BigDecimal.ONE);
        tenants.merge(new TenantRow(who.tenant(), grain.code(), t, KpiNames.ACTIVE_USERS), BigDecimal.ONE,
            BigDecimal::add);
      }
    }
  }

  private static void addUsers(Connection c, Map<UserRow, BigDecimal> rows) throws SQLException {
    if (rows.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement(ADD_USER)) {
      for (Map.Entry<UserRow, BigDecimal> e : rows.entrySet()) {
        UserRow r = e.getKey();
        ps.setString(1, r.tenant());
        ps.setString(2, r.userId());
        ps.setString(3, r.grain());
        ps.setObject(4, time(r.t()));
        ps.setString(5, r.name());
        ps.setBigDecimal(6, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void addTenants(Connection c, Map<TenantRow, BigDecimal> rows) throws SQLException {
    if (rows.isEmpty()) return;
    UniqueViolations.addingUp(c, ADD_TENANT, ADD_TENANT_POSTGRES, ps -> {
      for (Map.Entry<TenantRow, BigDecimal> e : rows.entrySet()) {
        TenantRow r = e.getKey();
        ps.setString(1, r.tenant());
        ps.setString(2, r.grain());
        ps.setObject(3, time(r.t()));
        ps.setString(4, r.name());
        ps.setBigDecimal(5, e.getValue());
        ps.addBatch();
      }
    });
  }

  static OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
