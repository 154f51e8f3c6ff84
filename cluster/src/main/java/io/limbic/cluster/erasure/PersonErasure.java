package io.limbic.cluster.erasure;

import io.limbic.projections.erasure.ErasedSubjects;
import io.limbic.projections.erasure.PersonalData;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.escalation.IncidentCommand;
import io.limbic.protocol.session.SessionCommand;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.visitor.VisitorCommand;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Erases a person (README "Erasing and exporting a person"), in an order that is safe to repeat at any step:
 * (1) the erasure markers for the user, their sessions and anonymous ids, so projections leave them out from now on
 * and on every rebuild; (2) the user's entity persists the erasure and refuses every command after it; (3) their
 * sessions and visitor holds persist their own erasure and refuse writes too, their incidents are passivated, then
 * every journal row and snapshot of theirs is hard-deleted (the user's, sessions' and visitors' journals keep only
 * their erasure) with every read-model row about or naming them, in one transaction; (4) the other
 * users whose matches, interactions or decisions name them forget them. Completes once all of it is durable.
 */
public final class PersonErasure {
  /** What the erasure came to: when the person was (first) erased. */
  public record Erased(String userId, Instant erasedAt) {}

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final DataSource dataSource;
  private final Executor blocking;
  private final Duration askTimeout;
  private final Clock clock;
  private final PersonJournals journals;

  public PersonErasure(
      ActorSystem<?> system, DataSource dataSource, Executor blocking, Duration askTimeout, Clock clock) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.dataSource = dataSource;
    this.blocking = blocking;
    this.askTimeout = askTimeout;
    this.clock = clock;
    this.journals = new PersonJournals(system);
  }

  public CompletionStage<Erased> erase(String tenant, String userId) {
    String userPid = PersonJournals.userPid(tenant, userId);
    return journals.events(userPid).thenCompose(events ->
        CompletableFuture.supplyAsync(() -> mark(tenant, userId, PersonJournals.sessions(events),
                PersonJournals.anonymousIds(events), PersonJournals.counterparts(userId, events)), blocking)
            .thenCompose(marked -> sharding.entityRefFor(UserCommand.ENTITY_TYPE, entityId(tenant, userId))
                .<org.apache.pekko.Done>askWithStatus(UserCommand.Erase::new, askTimeout)
                .thenApply(done -> marked))
            .thenCompose(this::eraseEntities)
            .thenComposeAsync(marked -> CompletableFuture.supplyAsync(() -> delete(marked), blocking))
            .thenCompose(this::forgetAmongOthers));
  }

  /** What the first, durable step found and marked. */
  private record Marked(
      PersonalData.Subject subject, Set<String> anonymousIds, Set<String> holders, Instant erasedAt) {}

  private Marked mark(String tenant, String userId, Set<String> foundSessions, Set<String> foundAnonymous,
      Set<String> counterparts) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Instant now = clock.instant();
      // A repeat finds the journal already emptied: what the first run marked says what was theirs.
      Set<String> sessions = new LinkedHashSet<>(foundSessions);
      sessions.addAll(ErasedSubjects.ofUser(c, tenant, userId, ErasedSubjects.SESSION));
      Set<String> anonymous = new LinkedHashSet<>(foundAnonymous);
      anonymous.addAll(ErasedSubjects.ofUser(c, tenant, userId, ErasedSubjects.VISITOR));
      ErasedSubjects.mark(c, tenant, userId, ErasedSubjects.USER, List.of(userId), now);
      ErasedSubjects.mark(c, tenant, userId, ErasedSubjects.SESSION, sessions, now);
      ErasedSubjects.mark(c, tenant, userId, ErasedSubjects.VISITOR, anonymous, now);
      Set<String> incidents = PersonalData.incidentsOf(c, tenant, userId);
      Set<String> holders = new LinkedHashSet<>(PersonalData.holdersOf(c, tenant, userId));
      holders.addAll(counterparts);
      Instant erasedAt = ErasedSubjects.erasedAt(c, tenant, userId).orElse(now);
      c.commit();
      Set<String> pids = new HashSet<>();
      pids.add(PersonJournals.userPid(tenant, userId));
      sessions.forEach(s -> pids.add(PersonJournals.sessionPid(tenant, s)));
      anonymous.forEach(a -> pids.add(PersonJournals.visitorPid(tenant, a)));
      incidents.forEach(i -> pids.add(PersonJournals.incidentPid(tenant, i)));
      return new Marked(
          new PersonalData.Subject(tenant, userId, sessions, incidents, pids), anonymous, holders, erasedAt);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not mark the erasure", e);
    }
  }

  /**
   * Their sessions and visitor holds persist their own erasure (live or not, each then refuses every write, so
   * none writes on from what it holds in memory, and none takes the person's data again); their incidents are
   * passivated. Completes once every session and visitor has answered.
   */
  private CompletionStage<Marked> eraseEntities(Marked marked) {
    String tenant = marked.subject().tenant();
    String userId = marked.subject().userId();
    List<CompletableFuture<org.apache.pekko.Done>> answers = new java.util.ArrayList<>();
    for (String session : marked.subject().sessions()) {
      answers.add(sharding.entityRefFor(SessionCommand.ENTITY_TYPE, entityId(tenant, session))
          .<org.apache.pekko.Done>askWithStatus(replyTo -> new SessionCommand.Erase(userId, replyTo), askTimeout)
          .toCompletableFuture());
    }
    for (String anonymousId : marked.anonymousIds()) {
      answers.add(sharding.entityRefFor(VisitorCommand.ENTITY_TYPE, entityId(tenant, anonymousId))
          .<org.apache.pekko.Done>askWithStatus(VisitorCommand.Erase::new, askTimeout)
          .toCompletableFuture());
    }
    for (String incident : marked.subject().incidents()) {
      sharding.entityRefFor(IncidentCommand.ENTITY_TYPE, entityId(tenant, incident))
          .tell(IncidentCommand.Passivate.INSTANCE);
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> marked);
  }

  private Marked delete(Marked marked) {
    PersonalData.Subject subject = marked.subject();
    // The user, their sessions and visitors keep their erasure (their last event); incidents keep nothing.
    Set<String> keepLast = new HashSet<>();
    keepLast.add(PersonJournals.userPid(subject.tenant(), subject.userId()));
    subject.sessions().forEach(s -> keepLast.add(PersonJournals.sessionPid(subject.tenant(), s)));
    marked.anonymousIds().forEach(a -> keepLast.add(PersonJournals.visitorPid(subject.tenant(), a)));
    Set<String> others = new HashSet<>(subject.persistenceIds());
    others.removeAll(keepLast);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      PersonalData.eraseJournals(c, keepLast, others);
      PersonalData.erase(c, subject);
      c.commit();
      return marked;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not delete the erased person's data", e);
    }
  }

  private CompletionStage<Erased> forgetAmongOthers(Marked marked) {
    String tenant = marked.subject().tenant();
    String userId = marked.subject().userId();
    CompletableFuture<?>[] told = marked.holders().stream()
        .map(other -> sharding.entityRefFor(UserCommand.ENTITY_TYPE, entityId(tenant, other))
            .<org.apache.pekko.Done>askWithStatus(replyTo -> new UserCommand.ForgetPerson(userId, replyTo),
                askTimeout)
            .toCompletableFuture()
            // An erased holder has nothing left to forget.
            .exceptionally(failure -> {
              if (isErased(failure)) return org.apache.pekko.Done.getInstance();
              throw new java.util.concurrent.CompletionException(failure);
            }))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(told).thenApply(done -> new Erased(userId, marked.erasedAt()));
  }

  private static boolean isErased(Throwable failure) {
    Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return t instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage e && UserCommand.ERASED.equals(e.getMessage());
  }

  private static String entityId(String tenant, String id) {
    return new TenantScopedId(tenant, id).entityId();
  }
}
