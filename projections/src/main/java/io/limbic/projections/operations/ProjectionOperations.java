package io.limbic.projections.operations;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;

/**
 * Pause, resume and rebuild of read models, cluster-wide: pekko-projection's ProjectionManagement reaches each
 * instance wherever ShardedDaemonProcess runs it and stores the paused flag, so it holds on every node and across
 * restarts. A rebuild pauses every instance (each stops after its current transaction), empties the read model and
 * its offsets ({@link ReadModelReset}) and resumes those that were running, so they replay the journal from its
 * start; queries answer meanwhile from the rows rebuilt so far.
 */
public final class ProjectionOperations {
  /** A rebuild of the read model has not caught up yet (or is being started on this node). */
  public static final class RebuildRunning extends RuntimeException {
    public RebuildRunning(String name) {
      super("a rebuild of " + name + " is already running");
    }
  }

  private final ProjectionManagement management;
  private final ProjectionStatusRepository statuses;
  private final ReadModelReset reset;
  private final Executor blocking;
  private final Clock clock;
  private final Set<String> starting = ConcurrentHashMap.newKeySet();

  public ProjectionOperations(ActorSystem<?> system, DataSource dataSource, Executor blocking, Clock clock) {
    this.management = ProjectionManagement.get(system);
    this.statuses = new ProjectionStatusRepository(dataSource, clock);
    this.reset = new ReadModelReset(dataSource);
    this.blocking = blocking;
    this.clock = clock;
  }

  public CompletionStage<List<ProjectionStatus>> statuses() {
    return onBlocking(() -> {
      List<ProjectionStatus> all = new java.util.ArrayList<>();
      for (ReadModel model : ReadModel.ALL) all.add(statuses.status(model));
      return all;
    });
  }

  public CompletionStage<ProjectionStatus> status(ReadModel model) {
    return onBlocking(() -> statuses.status(model));
  }

  public CompletionStage<ProjectionStatus> pause(ReadModel model) {
    return everyInstance(model, management::pause).thenCompose(done -> status(model));
  }

  public CompletionStage<ProjectionStatus> resume(ReadModel model) {
    return everyInstance(model, management::resume).thenCompose(done -> status(model));
  }

  /**
   * Fails with {@link RebuildRunning} while an earlier rebuild has not caught up. Instances that were paused stay
   * paused (emptied, replaying once resumed); the others resume at once.
   */
  public CompletionStage<ProjectionStatus> rebuild(ReadModel model) {
    if (!starting.add(model.name())) return CompletableFuture.failedFuture(new RebuildRunning(model.name()));
    return status(model)
        .thenCompose(current -> {
          if (current.rebuild() != null && !current.rebuild().done()) throw new RebuildRunning(model.name());
          List<ProjectionId> running = current.instances().stream()
              .filter(i -> i.state() != ProjectionStatus.State.paused)
              .map(i -> ProjectionId.of(model.name(), i.key()))
              .toList();
          return all(model.projectionIds(), management::pause)
              .thenCompose(paused -> onBlocking(() -> {
                reset.reset(model, clock.instant());
                return Done.getInstance();
              }).handle((done, failure) -> failure))
              // Resumed whether or not the reset went through: a failed reset left the old rows and offsets.
              .thenCompose(failure -> all(running, management::resume).thenApply(done -> {
                if (failure != null) {
                  throw new IllegalStateException("the rebuild of " + model.name() + " failed", failure);
                }
                return done;
              }));
        })
        .thenCompose(done -> status(model))
        .whenComplete((status, failure) -> starting.remove(model.name()));
  }

  private static CompletionStage<Done> everyInstance(
      ReadModel model, Function<ProjectionId, CompletionStage<Done>> operation) {
    return all(model.projectionIds(), operation);
  }

  private static CompletionStage<Done> all(
      List<ProjectionId> ids, Function<ProjectionId, CompletionStage<Done>> operation) {
    CompletableFuture<?>[] each =
        ids.stream().map(id -> operation.apply(id).toCompletableFuture()).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(each).thenApply(done -> Done.getInstance());
  }

  private interface Query<T> {
    T run() throws SQLException;
  }

  private <T> CompletableFuture<T> onBlocking(Query<T> query) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return query.run();
      } catch (SQLException e) {
        throw new IllegalStateException("projection status query failed", e);
      }
    }, blocking);
  }
}
