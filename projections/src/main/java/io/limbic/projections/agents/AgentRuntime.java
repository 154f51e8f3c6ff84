package io.limbic.projections.agents;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/** What the agents' handlers and replays share: the tables, the blocking pool, timers and serialization. */
final class AgentRuntime {
  interface Jdbc<T> {
    T run() throws Exception;
  }

  final ActorSystem<?> system;
  final DeadLetterStore deadLetters;
  final AgentFigures figures;
  final Clock clock;
  private final Executor blocking;
  private final Serialization serialization;

  AgentRuntime(ActorSystem<?> system, DeadLetterStore deadLetters, AgentFigures figures, Executor blocking,
      Clock clock) {
    this.system = system;
    this.deadLetters = deadLetters;
    this.figures = figures;
    this.blocking = blocking;
    this.clock = clock;
    this.serialization = SerializationExtension.get(Adapter.toClassic(system));
  }

  <T> CompletionStage<T> jdbc(Jdbc<T> work) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return work.run();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        },
        blocking);
  }

  <T> CompletionStage<T> after(Duration delay, Callable<CompletionStage<T>> next) {
    return Patterns.after(delay, system, next);
  }

  StoredEvent store(Object event, java.time.Instant at) {
    Serializer serializer = serialization.findSerializerFor(event);
    return new StoredEvent(
        serializer.identifier(), Serializers.manifestFor(serializer, event), serializer.toBinary(event), at);
  }

  Object restore(StoredEvent stored) {
    return serialization.deserialize(stored.bytes(), stored.serializerId(), stored.manifest()).get();
  }
}
