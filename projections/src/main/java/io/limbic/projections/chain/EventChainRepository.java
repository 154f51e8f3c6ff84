package io.limbic.projections.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads {@code event_chain}: the traced events of one correlation id within one tenant, in journal order. */
public final class EventChainRepository {
  /** The most events one answer lists. */
  public static final int MAX_EVENTS = 1_000;

  private static final String SELECT =
      "SELECT persistence_id, sequence_nr, event_type, event_at, causation_id FROM event_chain"
          + " WHERE tenant = ? AND correlation_id = ? ORDER BY journal_ordering LIMIT " + MAX_EVENTS;

  private final DataSource dataSource;

  public EventChainRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<ChainLink> chain(String tenant, String correlationId) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
      ps.setString(1, tenant);
      ps.setString(2, correlationId);
      List<ChainLink> links = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime at = rs.getObject(4, OffsetDateTime.class);
          links.add(new ChainLink(rs.getString(1), rs.getLong(2), rs.getString(3), at.toInstant(), rs.getString(5)));
        }
      }
      return links;
    }
  }
}
