package io.limbic.cluster.erasure;

import io.limbic.projections.erasure.ErasedSubjects;
import io.limbic.projections.erasure.ErasureHoldings;
import io.limbic.projections.erasure.PersonalData;
import io.limbic.projections.matching.MatchesProjection;
import io.limbic.projections.operations.ProjectionStatus;
import io.limbic.projections.operations.ProjectionStatusRepository;
import io.limbic.projections.operations.ReadModel;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Erases a person (README "Erasing and exporting a person"), in an order that is safe to repeat at any step:
 * (1) the user's entity persists the erasure and refuses every command after it, so no heartbeat, identify or
 * session link adds a session of theirs from then on; (2) only then are their sessions and anonymous ids read from
 * its journal, and each session and visitor hold persists its own erasure and refuses writes too (a session that
 * belongs to another user says so and is left alone), their incidents are passivated; (3) the erasure markers for
 * the user, their sessions and anonymous ids, with what else the erasure must reach (their incidents and the other
 * users holding them, V45), in one transaction before anything is deleted, so projections leave them out from now
 * on and a repeat after a failure finds what read models no longer say; (4) every journal row and snapshot of
 * theirs is hard-deleted (the user's, sessions' and visitors' journals keep only their erasure) with every
 * read-model row about or naming them, in one transaction; (5) the other users whose matches, interactions or
 * decisions name them forget them; (6) once the read models had time to end what they were writing at the marking,
 * their rows about the person are deleted again and late holders are told. Completes once all of it is durable.
 */
public final class PersonErasure {
  /** What the erasure came to: when the person was (first) erased. */
  public record Erased(String userId, Instant erasedAt) {}

  /** Called as each step completes ("entities", "marked", "deleted"); a failure there fails the erasure. */
  public interface Checkpoint {
    Checkpoint NONE = step -> {};

    void reached(String step);
  }

  /** How long after the marker a deep phase that checked the markers just before it may still write its matches. */
  static final Duration GRACE = Duration.ofSeconds(1);
  /** How long the erasure waits at most for the daily-matches read model to have processed up to that. */
  static final Duration SETTLE = Duration.ofSeconds(5);

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final DataSource dataSource;
  private final Executor blocking;
  private final Duration askTimeout;
  private final Clock clock;
  private final PersonJournals journals;
  private final Checkpoint checkpoint;

  public PersonErasure(
      ActorSystem<?> system, DataSource dataSource, Executor blocking, Duration askTimeout, Clock clock) {
    this(system, dataSource, blocking, askTimeout, clock, Checkpoint.NONE);
  }

  public PersonErasure(ActorSystem<?> system, DataSource dataSource, Executor blocking, Duration askTimeout,
      Clock clock, Checkpoint checkpoint) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.dataSource = dataSource;
    this.blocking = blocking;
    this.askTimeout = askTimeout;
    this.clock = clock;
    this.journals = new PersonJournals(system);
    this.checkpoint = checkpoint;
  }

  public CompletionStage<Erased> erase(String tenant, String userId) {
    String userPid = PersonJournals.userPid(tenant, userId);
    // The entity first: once it has persisted the erasure it links no new session, so the journal read after it
    // names every session that ever took the person (a session learns its user through the user's entity).
    return sharding.entityRefFor(UserCommand.ENTITY_TYPE, entityId(tenant, userId))
        .<org.apache.pekko.Done>askWithStatus(UserCommand.Erase::new, askTimeout)
        .thenCompose(done -> journals.events(userPid))
        .thenCompose(events -> CompletableFuture.supplyAsync(() -> found(tenant, userId, events), blocking))
        .thenCompose(this::eraseEntities)
        .thenApply(found -> step("entities", found))
        .thenComposeAsync(found -> CompletableFuture.supplyAsync(() -> mark(found), blocking))
        .thenApply(marked -> step("marked", marked))
        .thenComposeAsync(marked -> CompletableFuture.supplyAsync(() -> delete(marked), blocking))
        .thenApply(marked -> step("deleted", marked))
        .thenCompose(marked -> forgetAmongOthers(marked, marked.holders())
            .thenCompose(told -> CompletableFuture.supplyAsync(() -> lateHolders(marked), settleAfter(marked)))
            .thenCompose(late -> forgetAmongOthers(marked, late)));
  }

  /**
   * Deletes the person's read-model rows again, then returns the holders that read models learned of only after the
   * holders were read: a match projected late, or made by a deep phase that was running at the erasure (it checks
   * the markers as it ends, so one ending later leaves the person out). The filter of every user read model records such a holder (ErasureFilter). Read once the daily-matches
   * read model has processed every event written up to {@link #GRACE} after the marker, or after {@link #SETTLE} at
   * most; a holder recorded later is reached by a repeat.
   */
  private Set<String> lateHolders(Marked marked) {
    String tenant = marked.subject().tenant();
    String userId = marked.subject().userId();
    long upTo = marked.erasedAt().plus(GRACE).toEpochMilli();
    long deadline = clock.millis() + SETTLE.toMillis();
    ProjectionStatusRepository status = new ProjectionStatusRepository(dataSource, clock);
    ReadModel matches = ReadModel.named(MatchesProjection.NAME).orElseThrow();
    try {
      while (clock.millis() < deadline && !processedUpTo(status.status(matches), upTo)) Thread.sleep(100);
      try (Connection c = dataSource.getConnection()) {
        // A read model's group that checked the markers before they were committed may have written a row about
        // the person after step (4) deleted them: such a group was already running at the marking and has ended
        // by now (at least GRACE later), so the rows are deleted once more.
        c.setAutoCommit(false);
        PersonalData.erase(c, marked.subject());
        c.commit();
        c.setAutoCommit(true);
        Set<String> late = new LinkedHashSet<>(ErasureHoldings.of(c, tenant, userId, ErasureHoldings.HOLDER));
        late.removeAll(marked.holders());
        late.remove(userId);
        return late;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the read models", e);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not read the erased person's late holders", e);
    }
  }

  /** Whether every instance has processed every event written before {@code upToMillis}. */
  private boolean processedUpTo(ProjectionStatus status, long upToMillis) {
    long now = clock.millis();
    if (now < upToMillis) return false;
    for (ProjectionStatus.Instance i : status.instances()) {
      // lag: how long the oldest unprocessed event has been in the journal
      if (i.lagMs() > 0 && now - i.lagMs() <= upToMillis) return false;
    }
    return true;
  }

  private Executor settleAfter(Marked marked) {
    long wait = Math.max(0, marked.erasedAt().plus(GRACE).toEpochMilli() - clock.millis());
    return CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.MILLISECONDS, blocking);
  }

  private <T> T step(String name, T value) {
    checkpoint.reached(name);
    return value;
  }

  /**
   * What is theirs: what the journal still says, plus what an earlier attempt stored (after a deletion the journal
   * and the read models no longer say it).
   */
  private record Found(String tenant, String userId, Set<String> sessions, Set<String> anonymousIds,
      Set<String> incidents, Set<String> holders) {}

  private Found found(String tenant, String userId, List<org.apache.pekko.persistence.query.EventEnvelope> events) {
    try (Connection c = dataSource.getConnection()) {
      Set<String> sessions = new LinkedHashSet<>(PersonJournals.sessions(events));
      sessions.addAll(ErasedSubjects.ofUser(c, tenant, userId, ErasedSubjects.SESSION));
      Set<String> anonymous = new LinkedHashSet<>(PersonJournals.anonymousIds(events));
      anonymous.addAll(ErasedSubjects.ofUser(c, tenant, userId, ErasedSubjects.VISITOR));
      Set<String> incidents = new LinkedHashSet<>(PersonalData.incidentsOf(c, tenant, userId));
      incidents.addAll(ErasureHoldings.of(c, tenant, userId, ErasureHoldings.INCIDENT));
      Set<String> holders = new LinkedHashSet<>(PersonalData.holdersOf(c, tenant, userId));
      holders.addAll(PersonJournals.counterparts(userId, events));
      holders.addAll(ErasureHoldings.of(c, tenant, userId, ErasureHoldings.HOLDER));
      holders.remove(userId);
      return new Found(tenant, userId, sessions, anonymous, incidents, holders);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not read what the erasure must reach", e);
    }
  }

  /** What the durable step marked and stored. */
  private record Marked(
      PersonalData.Subject subject, Set<String> anonymousIds, Set<String> holders, Instant erasedAt) {}

  private Marked mark(Found found) {
    String tenant = found.tenant();
    String userId = found.userId();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Instant now = clock.instant();
      ErasedSubjects.mark(c, tenant, userId, ErasedSubjects.USER, List.of(userId), now);
      ErasedSubjects.mark(c, tenant, userId, ErasedSubjects.SESSION, found.sessions(), now);
      ErasedSubjects.mark(c, tenant, userId, ErasedSubjects.VISITOR, found.anonymousIds(), now);
      ErasureHoldings.record(c, tenant, userId, ErasureHoldings.INCIDENT, found.incidents());
      ErasureHoldings.record(c, tenant, userId, ErasureHoldings.HOLDER, found.holders());
      Instant erasedAt = ErasedSubjects.erasedAt(c, tenant, userId).orElse(now);
      c.commit();
      Set<String> pids = new HashSet<>();
      pids.add(PersonJournals.userPid(tenant, userId));
      found.sessions().forEach(s -> pids.add(PersonJournals.sessionPid(tenant, s)));
      found.anonymousIds().forEach(a -> pids.add(PersonJournals.visitorPid(tenant, a)));
      found.incidents().forEach(i -> pids.add(PersonJournals.incidentPid(tenant, i)));
      return new Marked(new PersonalData.Subject(tenant, userId, found.sessions(), found.incidents(), pids),
          found.anonymousIds(), found.holders(), erasedAt);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not mark the erasure", e);
    }
  }

  /**
   * Their sessions and visitor holds persist their own erasure (live or not, each then refuses every write, so
   * none writes on from what it holds in memory, and none takes the person's data again); their incidents are
   * passivated. A session that answers it belongs to another user is not theirs and is left out. Completes once
   * every session and visitor has answered.
   */
  private CompletionStage<Found> eraseEntities(Found found) {
    String tenant = found.tenant();
    String userId = found.userId();
    Set<String> notTheirs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<CompletableFuture<org.apache.pekko.Done>> answers = new java.util.ArrayList<>();
    for (String session : found.sessions()) {
      answers.add(sharding.entityRefFor(SessionCommand.ENTITY_TYPE, entityId(tenant, session))
          .<org.apache.pekko.Done>askWithStatus(replyTo -> new SessionCommand.Erase(userId, replyTo), askTimeout)
          .toCompletableFuture()
          .exceptionally(failure -> {
            if (!refusedWith(failure, io.limbic.cluster.session.Session.SESSION_OWNED)) throw new CompletionException(failure);
            notTheirs.add(session);
            return org.apache.pekko.Done.getInstance();
          }));
    }
    for (String anonymousId : found.anonymousIds()) {
      answers.add(sharding.entityRefFor(VisitorCommand.ENTITY_TYPE, entityId(tenant, anonymousId))
          .<org.apache.pekko.Done>askWithStatus(VisitorCommand.Erase::new, askTimeout)
          .toCompletableFuture());
    }
    for (String incident : found.incidents()) {
      sharding.entityRefFor(IncidentCommand.ENTITY_TYPE, entityId(tenant, incident))
          .tell(IncidentCommand.Passivate.INSTANCE);
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
      Set<String> sessions = new LinkedHashSet<>(found.sessions());
      sessions.removeAll(notTheirs);
      return new Found(tenant, userId, sessions, found.anonymousIds(), found.incidents(), found.holders());
    });
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

  private CompletionStage<Erased> forgetAmongOthers(Marked marked, Set<String> holders) {
    String tenant = marked.subject().tenant();
    String userId = marked.subject().userId();
    CompletableFuture<?>[] told = holders.stream()
        .map(other -> sharding.entityRefFor(UserCommand.ENTITY_TYPE, entityId(tenant, other))
            .<org.apache.pekko.Done>askWithStatus(replyTo -> new UserCommand.ForgetPerson(userId, replyTo),
                askTimeout)
            .toCompletableFuture()
            // An erased holder has nothing left to forget.
            .exceptionally(failure -> {
              if (isErased(failure)) return org.apache.pekko.Done.getInstance();
              throw new CompletionException(failure);
            }))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(told).thenApply(done -> new Erased(userId, marked.erasedAt()));
  }

  private static boolean isErased(Throwable failure) {
    return refusedWith(failure, UserCommand.ERASED);
  }

  private static boolean refusedWith(Throwable failure, String message) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return t instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage e && message.equals(e.getMessage());
  }

  private static String entityId(String tenant, String id) {
    return new TenantScopedId(tenant, id).entityId();
  }
}
