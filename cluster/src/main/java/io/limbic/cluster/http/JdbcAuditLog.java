package io.limbic.cluster.http;

import io.limbic.projections.audit.AuditAction;
import io.limbic.projections.audit.AuditEntry;
import io.limbic.projections.audit.AuditQuery;
import io.limbic.projections.audit.AuditRepository;
import io.limbic.protocol.trace.Trace;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** The audit log in the read-model database (table {@code audit_log}), written on the blocking dispatcher. */
public final class JdbcAuditLog implements AuditLog {
  private final AuditRepository repository;
  private final Executor blocking;
  private final Clock clock;

  public JdbcAuditLog(AuditRepository repository, Executor blocking, Clock clock) {
    this.repository = repository;
    this.blocking = blocking;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Long> begin(Actor actor, String action, String target, Trace trace) {
    AuditAction a = new AuditAction(actor.tenant(), clock.instant(), actor.who(), actor.roles(), action, target,
        trace == null ? null : trace.correlationId(), trace == null ? null : trace.causationId());
    return run(() -> repository.begin(a));
  }

  @Override
  public CompletionStage<Void> finish(long id, int status, String created) {
    return run(() -> {
      repository.finish(id, status, created);
      return null;
    });
  }

  @Override
  public CompletionStage<List<AuditEntry>> page(AuditQuery query) {
    return run(() -> repository.page(query));
  }

  private <T> CompletionStage<T> run(SqlCall<T> work) {
    return SqlCall.async(blocking, work);
  }
}
