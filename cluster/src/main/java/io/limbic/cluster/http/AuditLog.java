package io.limbic.cluster.http;

import io.limbic.projections.audit.AuditEntry;
import io.limbic.projections.audit.AuditQuery;
import io.limbic.protocol.trace.Trace;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where administrative actions are recorded ({@link Audited}; README "Audit log"). An action is begun (stored,
 * stamped with the server's clock) before it runs and finished with the status it was answered with.
 */
public interface AuditLog {
  /** Stores that {@code actor} is doing {@code action} on {@code target} (null: none, or not known yet); its id. */
  CompletionStage<Long> begin(Actor actor, String action, String target, Trace trace);

  /** Records the answer's status and, for a creation begun without target, what it created ({@code created}). */
  CompletionStage<Void> finish(long id, int status, String created);

  /** One page of a tenant's log, newest first. */
  CompletionStage<List<AuditEntry>> page(AuditQuery query);

  /**
   * Who acts: the tenant, a name that identifies the credential without revealing it, and the roles it holds.
   * {@link #of} names a key {@code key-<16 hex>} ({@link ApiKeys#nameOf}) and a user token {@code user:<id>}.
   */
  record Actor(String tenant, String who, List<String> roles) {
    public Actor {
      roles = List.copyOf(roles);
    }

    public static Actor of(Caller caller, String presentedKey) {
      String who = !caller.name().isEmpty() ? caller.name()
          : caller.user().map(user -> "user:" + user).orElseGet(() -> ApiKeys.nameOf(presentedKey));
      return new Actor(caller.tenant(), who, caller.roles().stream().map(Role::label).sorted().toList());
    }
  }
}
