package io.limbic.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.core.CoreDsl.percent;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * An app's mix: each person's loop sends a heartbeat, then with these odds a telemetry batch of their session (50 %),
 * a product event (20 %), a read of their live state (20 %) or of who is active (10 %); every {@code period} s.
 */
public class MixSimulation extends Simulation {
  private final LoadTarget target = LoadTarget.fromProperties(500);
  private final Duration period = LoadTarget.seconds("period", 2);
  private final Duration ramp = LoadTarget.seconds("ramp", 10);
  private final String run = LoadTarget.runId();

  private final ScenarioBuilder mix = scenario("mix")
      .exec(session -> session.set("person", "gatling-" + run + "-u" + session.userId())
          .set("sessionId", "gatling-" + run + "-s" + session.userId()).set("t", 0L).set("n", 0L))
      .during(target.duration()).on(
          pace(period)
              .exec(http("POST /v1/heartbeat").post("/v1/heartbeat")
                  .body(StringBody("{\"userId\":\"#{person}\",\"sessionId\":\"#{sessionId}\"}"))
                  .check(status().is(200)))
              .exec(session -> {
                long t = session.getLong("t");
                long n = session.getLong("n") + 1;
                return session.set("batch", Telemetry.batch(session.getString("person"), t, 10))
                    .set("t", t + 10 * Telemetry.SAMPLE_GAP_MS).set("n", n)
                    .set("event", "{\"events\":[{\"userId\":\"" + session.getString("person")
                        + "\",\"type\":\"page_view\",\"at\":\"" + java.time.Instant.now() + "\",\"id\":\""
                        + session.getString("person") + "-" + n + "\"}]}");
              })
              .exec(randomSwitch().on(
                  percent(50.0).then(http("POST /v1/sessions/{id}/telemetry")
                      .post("/v1/sessions/#{sessionId}/telemetry").body(StringBody("#{batch}"))
                      .check(status().is(202))),
                  percent(20.0).then(http("POST /v1/events").post("/v1/events").body(StringBody("#{event}"))
                      .check(status().is(200))),
                  percent(20.0).then(http("GET /v1/users/{id}").get("/v1/users/#{person}")
                      .check(status().is(200))),
                  percent(10.0).then(http("GET /v1/activity").get("/v1/activity?activeWithin=PT1M")
                      .check(status().is(200))))));

  {
    setUp(mix.injectOpen(rampUsers(target.users()).during(ramp)))
        .protocols(target.protocol())
        .maxDuration(target.maxDuration(ramp))
        .assertions(global().failedRequests().percent().lt(1.0));
  }
}
