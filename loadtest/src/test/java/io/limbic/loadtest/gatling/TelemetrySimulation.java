package io.limbic.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Browser sessions posting telemetry batches as the SDK flushes them: each virtual user is one session sending
 * {@code samples} pointer samples (moves with a click now and then) every {@code period} seconds.
 */
public class TelemetrySimulation extends Simulation {
  private final LoadTarget target = LoadTarget.fromProperties(200);
  private final Duration period = LoadTarget.seconds("period", 1);
  private final Duration ramp = LoadTarget.seconds("ramp", 10);
  private final int samples = Integer.getInteger("samples", 20);
  private final String run = LoadTarget.runId();

  private final ScenarioBuilder sessions = scenario("telemetry")
      .exec(session -> session.set("sessionId", "gatling-" + run + "-s" + session.userId())
          .set("person", "gatling-" + run + "-u" + session.userId()).set("t", 0L))
      .during(target.duration()).on(
          pace(period)
              .exec(session -> {
                long t = session.getLong("t");
                return session.set("batch", Telemetry.batch(session.getString("person"), t, samples))
                    .set("t", t + samples * Telemetry.SAMPLE_GAP_MS);
              })
              .exec(http("POST /v1/sessions/{id}/telemetry").post("/v1/sessions/#{sessionId}/telemetry")
                  .body(StringBody("#{batch}"))
                  .check(status().is(202))));

  {
    setUp(sessions.injectOpen(rampUsers(target.users()).during(ramp)))
        .protocols(target.protocol())
        .maxDuration(target.maxDuration(ramp))
        .assertions(global().failedRequests().percent().lt(1.0));
  }
}
