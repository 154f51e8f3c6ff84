package io.limbic.projections.forensics;

import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.protocol.user.ProductEvent;
import io.limbic.protocol.user.UserEvent;
import io.limbic.protocol.user.UserEvent.ProductEventRecorded;
import io.limbic.protocol.user.UserEvent.ProductEventsRecorded;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** One row per product event and user (the user's entity already keeps each client id once), one batch per group. */
public final class ProductOutcomesProjectionHandler extends UserEventGroupHandler {
  private static final String INSERT =
      "MERGE INTO product_outcomes t USING (SELECT CAST(? AS VARCHAR(64)) AS tenant, "
          + "CAST(? AS VARCHAR(255)) AS user_id, CAST(? AS VARCHAR(255)) AS event_id) s "
          + "ON t.tenant = s.tenant AND t.user_id = s.user_id AND t.event_id = s.event_id "
          + "WHEN NOT MATCHED THEN INSERT (tenant, user_id, event_id, type, amount, currency, occurred_at, recorded_at) "
          + "VALUES (s.tenant, s.user_id, s.event_id, ?, ?, ?, ?, ?)";

  @Override
  protected boolean uses(UserEvent event) {
    return event instanceof ProductEventsRecorded || event instanceof ProductEventRecorded;
  }

  @Override
  protected void apply(Connection connection, List<UserEvent> events) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
      for (UserEvent event : events) {
        if (event instanceof ProductEventsRecorded r) {
          for (ProductEvent e : r.events()) add(ps, r, e.id(), e.type(), e.amount(), e.currency(), e.at());
        } else if (event instanceof ProductEventRecorded r) {
          add(ps, r, r.eventId(), r.type(), r.amount(), r.currency(), r.at());
        }
      }
      ps.executeBatch();
    }
  }

  private static void add(PreparedStatement ps, UserEvent recorded, String id, String type, BigDecimal amount,
      String currency, Instant occurredAt) throws SQLException {
    ps.setString(1, recorded.tenant());
    ps.setString(2, recorded.userId());
    ps.setString(3, id);
    ps.setString(4, type);
    if (amount == null) ps.setNull(5, Types.DECIMAL);
    else ps.setBigDecimal(5, amount);
    if (currency == null) ps.setNull(6, Types.VARCHAR);
    else ps.setString(6, currency);
    if (occurredAt == null) ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
    else ps.setObject(7, occurredAt.atOffset(ZoneOffset.UTC));
    ps.setObject(8, recorded.at().atOffset(ZoneOffset.UTC));
    ps.addBatch();
  }
}
