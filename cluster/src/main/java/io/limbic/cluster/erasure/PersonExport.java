package io.limbic.cluster.erasure;

import io.limbic.projections.erasure.ErasedSubjects;
import io.limbic.projections.erasure.PersonalData;
import io.limbic.protocol.TenantScopedId;
import io.limbic.protocol.user.ProfileView;
import io.limbic.protocol.user.UserCommand;
import io.limbic.protocol.user.UserView;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.query.EventEnvelope;

/**
 * What is held about a person (GDPR access): their entity's live state and profile, every event in the journals of
 * their user, sessions and visitor holds, and their own rows of every read model ({@link PersonalData}).
 */
public final class PersonExport {
  /** The answer: an export, the person was erased, or nothing is held about the id. */
  public sealed interface Outcome {}

  public record Held(Map<String, Object> document) implements Outcome {}

  public record Erased(Instant erasedAt) implements Outcome {}

  public record NothingHeld() implements Outcome {}

  private final ClusterSharding sharding;
  private final DataSource dataSource;
  private final Executor blocking;
  private final Duration askTimeout;
  private final Clock clock;
  private final PersonJournals journals;

  public PersonExport(
      ActorSystem<?> system, DataSource dataSource, Executor blocking, Duration askTimeout, Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.dataSource = dataSource;
    this.blocking = blocking;
    this.askTimeout = askTimeout;
    this.clock = clock;
    this.journals = new PersonJournals(system);
  }

  public CompletionStage<Outcome> export(String tenant, String userId) {
    return CompletableFuture.supplyAsync(() -> erasedAt(tenant, userId), blocking).thenCompose(erased -> {
      if (erased.isPresent()) return CompletableFuture.completedFuture(new Erased(erased.get()));
      return journals.events(PersonJournals.userPid(tenant, userId)).thenCompose(events -> held(tenant, userId, events));
    });
  }

  private CompletionStage<Outcome> held(String tenant, String userId, List<EventEnvelope> userEvents) {
    Set<String> sessions = PersonJournals.sessions(userEvents);
    Set<String> anonymous = PersonJournals.anonymousIds(userEvents);
    List<String> pids = new ArrayList<>();
    sessions.forEach(s -> pids.add(PersonJournals.sessionPid(tenant, s)));
    anonymous.forEach(a -> pids.add(PersonJournals.visitorPid(tenant, a)));
    Map<String, Object> journal = new LinkedHashMap<>();
    journal.put(PersonJournals.userPid(tenant, userId), rendered(userEvents));
    CompletableFuture<Void> read = CompletableFuture.completedFuture(null);
    for (String pid : pids) {
      read = read.thenCompose(v -> journals.events(pid).thenAccept(e -> journal.put(pid, rendered(e))));
    }
    String entityId = new TenantScopedId(tenant, userId).entityId();
    var user = sharding.entityRefFor(UserCommand.ENTITY_TYPE, entityId);
    CompletableFuture<StatusReply<UserView>> state =
        user.<StatusReply<UserView>>ask(UserCommand.GetUser::new, askTimeout).toCompletableFuture();
    CompletableFuture<StatusReply<ProfileView>> profile =
        user.<StatusReply<ProfileView>>ask(UserCommand.GetProfile::new, askTimeout).toCompletableFuture();
    return read.thenCompose(v -> state).thenCompose(s -> profile.thenCompose(p ->
        CompletableFuture.supplyAsync(() -> document(tenant, userId, sessions, anonymous, journal, s, p), blocking)));
  }

  private Outcome document(String tenant, String userId, Set<String> sessions, Set<String> anonymous,
      Map<String, Object> journal, StatusReply<UserView> state, StatusReply<ProfileView> profile) {
    Map<String, List<Map<String, Object>>> readModels;
    try (Connection c = dataSource.getConnection()) {
      Set<String> pids = new HashSet<>(journal.keySet());
      readModels = PersonalData.export(c, new PersonalData.Subject(tenant, userId, sessions,
          PersonalData.incidentsOf(c, tenant, userId), pids));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not read the read models", e);
    }
    boolean anyEvents = journal.values().stream().anyMatch(v -> !((List<?>) v).isEmpty());
    if (!anyEvents && readModels.isEmpty() && !state.isSuccess()) return new NothingHeld();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("userId", userId);
    doc.put("exportedAt", clock.instant().toString());
    doc.put("state", state.isSuccess() ? state.getValue() : null);
    doc.put("profile", profile.isSuccess() ? profile.getValue() : null);
    doc.put("sessions", List.copyOf(sessions));
    doc.put("anonymousIds", List.copyOf(anonymous));
    doc.put("journal", journal);
    doc.put("readModels", readModels);
    return new Held(doc);
  }

  private static List<Map<String, Object>> rendered(List<EventEnvelope> events) {
    List<Map<String, Object>> out = new ArrayList<>(events.size());
    for (EventEnvelope e : events) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("sequenceNr", e.sequenceNr());
      row.put("type", e.event().getClass().getSimpleName());
      row.put("event", e.event());
      out.add(row);
    }
    return out;
  }

  private Optional<Instant> erasedAt(String tenant, String userId) {
    try (Connection c = dataSource.getConnection()) {
      return ErasedSubjects.erasedAt(c, tenant, userId);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not read the erasure markers", e);
    }
  }
}
