package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.limbic.projections.audit.AuditEntry;
import io.limbic.projections.audit.AuditQuery;
import io.limbic.protocol.trace.Trace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An action whose entry cannot be written is not done; one whose end cannot be recorded is answered all the same. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditedTest {
  final AtomicInteger actionsDone = new AtomicInteger();
  final AtomicInteger finished = new AtomicInteger();
  ActorSystem<Void> system;
  ServerBinding binding;

  /** A log whose begin fails on the target "broken" and whose finish always fails. */
  final AuditLog log = new AuditLog() {
    @Override
    public CompletionStage<Long> begin(Actor actor, String action, String target, Trace trace) {
      return "broken".equals(target) ? CompletableFuture.failedFuture(new java.sql.SQLException("down"))
          : CompletableFuture.completedFuture(1L);
    }

    @Override
    public CompletionStage<Void> finish(long id, int status, String created) {
      finished.incrementAndGet();
      return CompletableFuture.failedFuture(new java.sql.SQLException("down"));
    }

    @Override
    public CompletionStage<List<AuditEntry>> page(AuditQuery query) {
      return CompletableFuture.completedFuture(List.of());
    }
  };

  @BeforeAll
  void bind() {
    system = ActorSystem.create(Behaviors.empty(), "audited-test",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
    AuditLog.Actor actor = new AuditLog.Actor("acme", "key-0000000000000000", List.of("admin"));
    Route route = Directives.path(PathMatchers.segment("act").slash(PathMatchers.segment()), target ->
        Directives.post(() -> Audited.action(log, actor, "test.act", target, () -> {
          actionsDone.incrementAndGet();
          return Directives.complete("done");
        })));
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(route).toCompletableFuture().join();
  }

  @AfterAll
  void stop() {
    binding.unbind().toCompletableFuture().join();
    system.terminate();
  }

  HttpResponse<String> post(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anActionThatCannotBeLoggedIsRefusedAndNotDone() throws Exception {
    int before = actionsDone.get();
    HttpResponse<String> refused = post("/act/broken");
    assertEquals(503, refused.statusCode());
    assertTrue(refused.body().contains("audit_unavailable"), refused.body());
    assertEquals(before, actionsDone.get(), "the action did not run");
  }

  @Test
  void anActionWhoseEndCannotBeRecordedIsStillAnswered() throws Exception {
    int before = finished.get();
    HttpResponse<String> done = post("/act/fine");
    assertEquals(200, done.statusCode());
    assertEquals("done", done.body());
    assertEquals(before + 1, finished.get(), "the end was attempted before the answer went out");
  }
}
