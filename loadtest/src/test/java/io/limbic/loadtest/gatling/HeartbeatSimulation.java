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
 * Many people, each sending a heartbeat every {@code period} seconds (an app's 30 s period, compressed: 3 s by
 * default), for {@code duration} seconds after a ramp of {@code ramp} seconds. One virtual user is one person.
 */
public class HeartbeatSimulation extends Simulation {
  private final LoadTarget target = LoadTarget.fromProperties(1_000);
  private final Duration period = LoadTarget.seconds("period", 3);
  private final Duration ramp = LoadTarget.seconds("ramp", 10);
  private final String run = LoadTarget.runId();

  private final ScenarioBuilder heartbeats = scenario("heartbeats")
      .exec(session -> session.set("person", "gatling-" + run + "-" + session.userId()))
      .during(target.duration()).on(
          pace(period).exec(http("POST /v1/heartbeat").post("/v1/heartbeat")
              .body(StringBody("{\"userId\":\"#{person}\"}"))
              .check(status().is(200))));

  {
    setUp(heartbeats.injectOpen(rampUsers(target.users()).during(ramp)))
        .protocols(target.protocol())
        .maxDuration(target.maxDuration(ramp))
        .assertions(global().failedRequests().percent().lt(1.0));
  }
}
