package io.limbic.projections.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limbic.projections.db.StoredJson;
import io.limbic.projections.db.UniqueViolations;
import io.limbic.protocol.http.SegmentInput;
import io.limbic.protocol.http.Validated;
import io.limbic.protocol.kpi.SegmentDefinition;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A tenant's segments in {@code segments}, stored as the canonical JSON of their definition and read back through
 * the same parser that validated them. Blocking: call it on the blocking dispatcher.
 */
public final class SegmentRepository {
  /** How many segments a tenant may define. */
  public static final int MAX_SEGMENTS = 200;

  private static final String UPSERT =
      "MERGE INTO segments k USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, CAST(? AS VARCHAR(64)) AS name, "
          + "CAST(? AS VARCHAR(16000)) AS filter_json, CAST(? AS VARCHAR(4000)) AS controls_json, "
          + "CAST(? AS TIMESTAMP WITH TIME ZONE) AS updated_at) s ON k.tenant = s.tenant AND k.name = s.name "
          + "WHEN MATCHED THEN UPDATE SET filter_json = s.filter_json, controls_json = s.controls_json, "
          + "updated_at = s.updated_at WHEN NOT MATCHED THEN INSERT (tenant, name, filter_json, controls_json, "
          + "updated_at) VALUES (s.tenant, s.name, s.filter_json, s.controls_json, s.updated_at)";

  private final DataSource dataSource;

  public SegmentRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Whether the segment was stored: false when it is new and the tenant already has {@link #MAX_SEGMENTS}. Two
   * requests creating the same segment at once both find it new, and the second's MERGE meets the first's row
   * (PostgreSQL's MERGE does not wait and update): it then runs again, and updates it.
   */
  public boolean put(String tenant, String name, SegmentDefinition definition, Instant at) throws SQLException {
    String filter = SegmentInput.json(definition.filter()).toString();
    String controls = StoredJson.MAPPER.valueToTree(definition.controls()).toString();
    if (filter.length() > 16000) throw new IllegalArgumentException("filter too long to store");
    return UniqueViolations.retrying(2, () -> put(tenant, name, filter, controls, at));
  }

  private boolean put(String tenant, String name, String filter, String controls, Instant at) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        if (get(c, tenant, name).isEmpty() && count(c, tenant) >= MAX_SEGMENTS) {
          c.rollback();
          return false;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
          ps.setString(1, tenant);
          ps.setString(2, name);
          ps.setString(3, filter);
          ps.setString(4, controls);
          ps.setObject(5, KpiFactWriter.time(at));
          ps.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  public Optional<SegmentDefinition> get(String tenant, String name) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return get(c, tenant, name);
    }
  }

  /** The tenant's segments by name. */
  public Map<String, SegmentDefinition> list(String tenant) throws SQLException {
    Map<String, SegmentDefinition> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT name, filter_json, controls_json FROM segments WHERE tenant = ? ORDER BY name")) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), read(rs.getString(2), rs.getString(3)));
      }
    }
    return out;
  }

  public boolean delete(String tenant, String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM segments WHERE tenant = ? AND name = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      boolean deleted = ps.executeUpdate() > 0;
      c.commit();
      return deleted;
    }
  }

  private static Optional<SegmentDefinition> get(Connection c, String tenant, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT filter_json, controls_json FROM segments WHERE tenant = ? AND name = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  private static int count(Connection c, String tenant) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM segments WHERE tenant = ?")) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static SegmentDefinition read(String filter, String controls) {
    try {
      ObjectNode body = StoredJson.MAPPER.createObjectNode();
      body.set("filter", StoredJson.MAPPER.readTree(filter));
      JsonNode list = StoredJson.MAPPER.readTree(controls);
      body.set("controls", list);
      Validated<SegmentDefinition> parsed = SegmentInput.parse(body);
      if (!parsed.isValid()) throw new IllegalStateException("stored segment no longer parses: " + parsed);
      return parsed.get();
    } catch (IOException e) {
      throw new IllegalStateException("stored segment is not JSON", e);
    }
  }
}
