package io.limbic.projections.matching;

import io.limbic.analytics.matching.InteractionType;
import io.limbic.analytics.matching.MatchAction;
import io.limbic.projections.db.UserEventGroupHandler;
import io.limbic.protocol.user.InteractionData;
import io.limbic.protocol.user.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Keeps {@code user_decision}, what each user decided about others: an outgoing {@code InteractionRecorded} with a
 * verdict ({@link InteractionType#saysYes()}) or a {@code MatchActionRecorded} sets the pair's latest verdict and
 * adds its evidence to the pair's net evidence. Only the deciding user's events write their rows (the receiving
 * side's copy of an interaction is ignored), so each tag's projection owns its rows and no two projections race.
 */
public final class DecisionsProjectionHandler extends UserEventGroupHandler {
  private static final String UPDATE =
      "UPDATE user_decision SET says_yes = ?, evidence = evidence + ?, decided_at = ?, written_at = CURRENT_TIMESTAMP "
          + "WHERE tenant = ? AND user_id = ? AND target_id = ?";
  private static final String INSERT =
      "INSERT INTO user_decision (says_yes, evidence, decided_at, tenant, user_id, target_id, first_decided_at, "
          + "written_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)";

  /** One decision as the table takes it. */
  private record Decision(String tenant, String userId, String targetId, boolean yes, double evidence, Instant at) {}

  @Override
  protected boolean uses(UserEvent event) {
    return decision(event) != null;
  }

  @Override
  protected void apply(Connection connection, List<UserEvent> events) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(UPDATE);
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      // In journal order, one at a time: a later decision about the same person must see the earlier one's row.
      for (UserEvent event : events) {
        Decision d = decision(event);
        if (set(update, d).executeUpdate() == 0) {
          // The first decision about this person: when the pair stopped being undecided (V35), never updated.
          set(insert, d).setObject(7, d.at().atOffset(ZoneOffset.UTC));
          insert.executeUpdate();
        }
      }
    }
  }

  private static PreparedStatement set(PreparedStatement stmt, Decision d) throws SQLException {
    stmt.setBoolean(1, d.yes());
    stmt.setDouble(2, d.evidence());
    stmt.setObject(3, d.at().atOffset(ZoneOffset.UTC));
    stmt.setString(4, d.tenant());
    stmt.setString(5, d.userId());
    stmt.setString(6, d.targetId());
    return stmt;
  }

  /** The decision an event records, or null when it records none. */
  private static Decision decision(UserEvent event) {
    if (event instanceof UserEvent.InteractionRecorded recorded && recorded.outgoing()) {
      InteractionData i = recorded.interaction();
      if (i == null || i.to() == null || i.to().equals(recorded.userId())) return null;
      InteractionType type = InteractionType.parse(i.type()).orElse(null);
      if (type == null || type.saysYes().isEmpty()) return null;
      Instant at = i.at() == null ? recorded.at() : i.at();
      return new Decision(recorded.tenant(), recorded.userId(), i.to(), type.saysYes().get(),
          type.evidence(i.durationS()), at);
    }
    if (event instanceof UserEvent.MatchActionRecorded action && action.candidateId() != null
        && !action.candidateId().equals(action.userId())) {
      MatchAction parsed = MatchAction.parse(action.action()).orElse(null);
      if (parsed == null) return null;
      return new Decision(action.tenant(), action.userId(), action.candidateId(), parsed.saysYes(),
          parsed.evidence(), action.at());
    }
    return null;
  }
}
