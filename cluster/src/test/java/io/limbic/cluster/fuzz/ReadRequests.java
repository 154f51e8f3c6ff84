package io.limbic.cluster.fuzz;

import static io.limbic.cluster.fuzz.RequestGenerator.api;
import static io.limbic.cluster.fuzz.RequestGenerator.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Requests to the read routes, the WebSocket's handshake, the SDK and the management port. */
final class ReadRequests {
  private ReadRequests() {}

  /** A route as the README lists it, the methods it answers, and (for writes) a valid body. */
  record Known(String route, List<String> methods, Function<FuzzIds, String> path, WriteRoute write) {
    String validBody(BodyShapes shapes, FuzzIds ids, Random random) {
      return write == null ? "{}" : shapes.valid(write, ids, random);
    }
  }

  static final List<Known> KNOWN = known();

  private static List<Known> known() {
    List<Known> out = new ArrayList<>();
    for (WriteRoute write : WriteRoute.ALL) {
      List<String> methods = write.route().startsWith("PUT /v1/config") || write.route().endsWith("/profile")
          ? List.of("GET", "PUT")
          : write.route().equals("POST /v1/events") ? List.of("GET", "POST") // GET: the event chain
          : List.of(write.method());
      out.add(new Known(write.route(), methods, write.path(), write));
    }
    out.add(new Known("GET /v1/users/{id}", List.of("GET"), ids -> "/v1/users/" + ids.user(), null));
    out.add(new Known("GET /v1/activity", List.of("GET"), ids -> "/v1/activity?activeWithin=PT5M", null));
    out.add(new Known("GET /v1/sessions/{id}", List.of("GET"), ids -> "/v1/sessions/" + ids.session(), null));
    out.add(new Known("GET /v1/users/{id}/matches/daily", List.of("GET"),
        ids -> "/v1/users/" + ids.user() + "/matches/daily", null));
    out.add(new Known("GET /v1/matches/quality", List.of("GET"), ids -> "/v1/matches/quality", null));
    out.add(new Known("GET /v1/scheduler/status", List.of("GET"), ids -> "/v1/scheduler/status", null));
    out.add(new Known("GET /v1/stream", List.of("GET"), ids -> "/v1/stream?sessionId=" + ids.session(), null));
    out.add(new Known("GET /sdk/*", List.of("GET"), ids -> "/sdk/limbic.js", null));
    // Operations (admin): wrong methods only; their bodies and effects are not fuzzed.
    out.add(new Known("GET /v1/agents", List.of("GET"), ids -> "/v1/agents", null));
    out.add(new Known("POST /v1/agents/{name}/pause", List.of("POST"), ids -> "/v1/agents/notifications/pause", null));
    out.add(new Known("GET /v1/dead-letters", List.of("GET"), ids -> "/v1/dead-letters", null));
    out.add(new Known("POST /v1/dead-letters/{id}/replay", List.of("POST"), ids -> "/v1/dead-letters/1/replay", null));
    out.add(new Known("GET /v1/agents/notifications/channels", List.of("GET", "PUT"),
        ids -> "/v1/agents/notifications/channels", null));
    out.add(new Known("GET /v1/projections", List.of("GET"), ids -> "/v1/projections", null));
    out.add(new Known("POST /v1/projections/{name}/rebuild", List.of("POST"),
        ids -> "/v1/projections/user-activity/rebuild", null));
    return List.copyOf(out);
  }

  private record IdRoute(String route, String prefix, String suffix) {}

  private static final List<IdRoute> ID_ROUTES = List.of(
      new IdRoute("GET /v1/users/{id}", "/v1/users/", ""),
      new IdRoute("GET /v1/users/{id}/profile", "/v1/users/", "/profile"),
      new IdRoute("GET /v1/users/{id}/matches/daily", "/v1/users/", "/matches/daily"),
      new IdRoute("GET /v1/sessions/{id}", "/v1/sessions/", ""),
      new IdRoute("POST /v1/sessions/{id}/telemetry", "/v1/sessions/", "/telemetry"),
      new IdRoute("PUT /v1/users/{id}/profile", "/v1/users/", "/profile"),
      new IdRoute("POST /v1/matches/{id}/action", "/v1/matches/", "/action"));

  /** A read of a valid id (any answer but 5xx), or any id route with an id outside the rule (400). */
  static FuzzRequest byId(Random random, FuzzIds ids, String key) {
    IdRoute route = pick(random, ID_ROUTES);
    String method = route.route().substring(0, route.route().indexOf(' '));
    String body = switch (method) {
      case "PUT" -> Templates.PROFILE.validJson(random, ids);
      case "POST" -> route.suffix().equals("/action") ? "{\"action\":\"like\"}" : "{\"samples\":[]}";
      default -> null;
    };
    if (method.equals("GET") && random.nextInt(3) == 0) {
      String id = route.prefix().contains("sessions") ? ids.session() : ids.user();
      return api(route.route(), "valid id", method, route.prefix() + id + route.suffix(), key, null, Expect.read());
    }
    String bad = pick(random, Hostile.BAD_PATH_IDS);
    if (route.suffix().equals("/action")) bad = bad + "~" + ids.otherUser() + "~2026-01-01";
    // A match id that does not name a match of the user is "no such match".
    Expect expect = route.suffix().equals("/action") ? Expect.status(400, 404) : Expect.status(400);
    return api(route.route(), "path id outside the rule", method, route.prefix() + bad + route.suffix(), key, body,
        expect);
  }

  /** Query strings: bad activeWithin windows (400), odd queries on reads (any answer but 5xx). */
  static FuzzRequest byQuery(Random random, String key) {
    if (random.nextBoolean()) {
      String window = pick(random, Hostile.BAD_WINDOWS);
      Expect expect = window.length() > 2000 ? Expect.status(400, 414) : Expect.status(400);
      return api("GET /v1/activity", "activeWithin outside the rule", "GET", "/v1/activity?activeWithin=" + window,
          key, null, expect);
    }
    List<String> reads = List.of("/v1/activity", "/v1/config/signals", "/v1/matches/quality", "/v1/scheduler/status",
        "/v1/users/fz-u-1", "/v1/sessions/fz-s-1");
    String path = pick(random, reads);
    String route = path.startsWith("/v1/users") ? "GET /v1/users/{id}"
        : path.startsWith("/v1/sessions") ? "GET /v1/sessions/{id}" : "GET " + path;
    return api(route, "odd query string", "GET", path + pick(random, Hostile.ODD_QUERIES), key, null, Expect.read());
  }

  /** GET /v1/stream without a usable handshake: never upgraded. */
  static FuzzRequest handshake(Random random, FuzzIds ids, String key) {
    String session = ids.session();
    List<String[]> upgrade = List.of(
        new String[] {"Connection", "Upgrade"}, new String[] {"Upgrade", "websocket"},
        new String[] {"Sec-WebSocket-Version", "13"}, new String[] {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="});
    record Case(String label, String target, boolean withUpgrade, String auth, Expect expect) {}
    List<Case> cases = List.of(
        new Case("plain GET, no upgrade", "/v1/stream?sessionId=" + session, false, "Bearer " + key, Expect.status(400)),
        new Case("no sessionId", "/v1/stream", true, "Bearer " + key, Expect.status(400)),
        new Case("empty sessionId", "/v1/stream?sessionId=", true, "Bearer " + key, Expect.status(400)),
        new Case("sessionId outside the rule", "/v1/stream?sessionId=" + pick(random, Hostile.BAD_PATH_IDS), true,
            "Bearer " + key, Expect.status(400)),
        new Case("no key", "/v1/stream?sessionId=" + session, true, null, Expect.status(401)),
        new Case("unknown access_token", "/v1/stream?sessionId=" + session + "&access_token=wrong-key-0000000000", true,
            null, Expect.status(401)),
        new Case("empty access_token", "/v1/stream?sessionId=" + session + "&access_token=", true, null,
            Expect.status(401)),
        new Case("unknown bearer key", "/v1/stream?sessionId=" + session, true, "Bearer wrong-key-0000000000",
            Expect.status(401)),
        new Case("access_token twice", "/v1/stream?sessionId=" + session + "&access_token=nope&access_token=nope2",
            true, null, Expect.status(401)));
    Case pick = pick(random, cases);
    FuzzRequest base = api("GET /v1/stream", "handshake: " + pick.label(), "GET", pick.target(), null, null, pick.expect());
    List<String[]> headers = new ArrayList<>();
    if (pick.auth() != null) headers.add(new String[] {"Authorization", pick.auth()});
    if (pick.withUpgrade()) headers.addAll(upgrade);
    return new FuzzRequest(base.route(), base.shape(), false, "GET", base.target(), headers, null, false, base.expect());
  }

  static FuzzRequest sdk(Random random) {
    List<String> targets = List.of("/sdk/limbic.js", "/sdk/demo.html", "/sdk/demo.html?key=%zz&session=a%20b",
        "/sdk/demo.html?key=" + "k".repeat(1500), "/sdk/limbic.js?v=1&v=2", "/sdk/LIMBIC.JS", "/sdk/limbic.js.map");
    return api("GET /sdk/*", "SDK file", "GET", pick(random, targets), null, null, Expect.read());
  }

  static FuzzRequest management(Random random) {
    List<String> targets = List.of("/ready", "/alive", "/metrics/detection", "/ready?x=1", "/alive?%zz",
        "/metrics/detection?window=%00", "/metrics", "/metrics/detection/x", "/nope", "/ready/", "/cluster/members");
    String target = pick(random, targets);
    String method = pick(random, List.of("GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD"));
    if (target.startsWith("/cluster")) method = "GET";
    String body = method.equals("POST") || method.equals("PUT") ? "{\"ready\":false}" : null;
    String route = target.startsWith("/ready") ? "management /ready" : target.startsWith("/alive")
        ? "management /alive" : target.startsWith("/metrics/detection") ? "management /metrics/detection"
        : "management (other)";
    FuzzRequest base = api(route, "management " + method, method, target, null, body, Expect.read());
    return new FuzzRequest(base.route(), base.shape(), true, method, target, base.headers(), base.body(), false,
        base.expect());
  }
}
