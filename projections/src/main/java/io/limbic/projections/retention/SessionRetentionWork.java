package io.limbic.projections.retention;

import io.limbic.analytics.kpi.Progress;
import io.limbic.projections.db.StoredJson;
import io.limbic.projections.jobs.JobWork;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * {@code session_retention}: deletes the tenant's sessions that ended more than {@code limbic.retention.session-days}
 * ago ({@link SessionRetention}); 0 days keeps them forever. Request {@code {}}; the nightly schedule
 * {@code nightly-session-retention} runs it. Result: {@code {days, endedBefore, sessions, rows, snapshots,
 * slowestOffset}}.
 */
public final class SessionRetentionWork implements JobWork {
  public static final String KIND = "session_retention";
  /** Sessions one run deletes at most; the next night goes on. */
  static final int MAX_SESSIONS_PER_RUN = 100_000;

  private final SessionRetention retention;
  private final int days;
  private final UnaryOperator<String> sessionsOf;
  private final Clock clock;

  /** @param sessionsOf the start every persistence id of the tenant's sessions has */
  public SessionRetentionWork(SessionRetention retention, int days, UnaryOperator<String> sessionsOf, Clock clock) {
    if (days < 0) throw new IllegalArgumentException("limbic.retention.session-days must be 0 or more");
    this.retention = retention;
    this.days = days;
    this.sessionsOf = sessionsOf;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String run(String tenant, String requestJson, Progress progress) throws Exception {
    ObjectNode out = StoredJson.MAPPER.createObjectNode();
    out.put("days", days);
    if (days == 0) {
      out.put("sessions", 0);
      out.put("kept", "retention is off (limbic.retention.session-days = 0)");
      return StoredJson.MAPPER.writeValueAsString(out);
    }
    Instant endedBefore = clock.instant().minus(Duration.ofDays(days));
    SessionRetention.Outcome o = retention.deleteEnded(sessionsOf.apply(tenant), endedBefore, MAX_SESSIONS_PER_RUN);
    progress.report(1.0);
    out.put("endedBefore", endedBefore.toString());
    out.put("sessions", o.sessions());
    out.put("rows", o.rows());
    out.put("snapshots", o.snapshots());
    out.put("slowestOffset", o.slowestOffset());
    return StoredJson.MAPPER.writeValueAsString(out);
  }
}
