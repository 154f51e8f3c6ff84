package io.limbic.cluster.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limbic.cluster.testkit.ApiClient;
import java.util.List;

/** A user, session, profile and signal configuration per tenant, written before the fuzz run and read after it. */
final class Canary {
  static final List<String> PATHS = List.of(
      "/v1/users/" + FuzzIT.CANARY_USER, "/v1/sessions/" + FuzzIT.CANARY_SESSION,
      "/v1/users/" + FuzzIT.CANARY_USER + "/profile", "/v1/config/signals");

  private Canary() {}

  static void write(ApiClient api, boolean withThresholds) throws Exception {
    String user = FuzzIT.CANARY_USER;
    String session = FuzzIT.CANARY_SESSION;
    ok(api.post("/v1/heartbeat", "{\"userId\":\"" + user + "\",\"sessionId\":\"" + session + "\"}"));
    ok(api.post("/v1/identify",
        "{\"sessionId\":\"" + session + "\",\"userId\":\"" + user + "\",\"traits\":{\"email\":\"ann@acme.example\"}}"));
    ok(api.put("/v1/users/" + user + "/profile",
        "{\"birthYear\":1991,\"gender\":\"woman\",\"seeking\":[\"man\"],\"location\":{\"lat\":48.1,\"lon\":11.6},"
            + "\"interests\":[\"chess\"],\"languages\":[\"de\"],\"about\":\"canary\"}"));
    if (withThresholds) ok(api.put("/v1/config/signals", "{\"rageMinClicks\":4,\"ignoredTargets\":[\"#ad\"]}"));
  }

  private static void ok(ApiClient.Reply reply) {
    assertEquals(200, reply.status(), reply.raw().body());
  }
}
