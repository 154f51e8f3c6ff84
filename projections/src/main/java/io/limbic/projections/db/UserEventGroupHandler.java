package io.limbic.projections.db;

import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * A read model's handler over a group of user events, in journal order, inside the transaction that also commits
 * the group's offset. Events the read model does not use cost nothing: a group without any touches no table and
 * only its offset is written.
 */
public abstract class UserEventGroupHandler extends JdbcHandler<List<EventEnvelope<UserEvent>>, PlainJdbcSession> {

  /** Whether this read model reacts to the event at all. */
  protected abstract boolean uses(UserEvent event);

  /** Brings the tables in step with the used events of one group (never empty), in journal order. */
  protected abstract void apply(Connection connection, List<UserEvent> events) throws SQLException;

  @Override
  public final void process(PlainJdbcSession session, List<EventEnvelope<UserEvent>> envelopes) throws Exception {
    List<UserEvent> used = new ArrayList<>(envelopes.size());
    for (EventEnvelope<UserEvent> envelope : envelopes) {
      if (uses(envelope.event())) used.add(envelope.event());
    }
    if (used.isEmpty()) return;
    session.withConnection(
        connection -> {
          apply(connection, used);
          return null;
        });
  }
}
