package io.limbic.cluster.fuzz;

import java.util.List;

/** Hostile HTTP around the body: headers, paths, query strings. */
final class Hostile {
  private Hostile() {}

  /** Content-Type headers; null sends none. None of them changes what the body means to the API. */
  static final List<String> CONTENT_TYPES = java.util.Arrays.asList(
      "application/json", "application/json", "application/json", null, "text/plain",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/xml",
      "application/json; charset=ISO-8859-1", "application/json; charset=utf-16", "////", "application/problem+json");

  /** Authorization values that must not authenticate: a label, and the header values (none, one or several). */
  record Auth(String label, List<String> values) {}

  static List<Auth> badAuth(String key) {
    return List.of(
        new Auth("no Authorization", List.of()),
        new Auth("empty Authorization", List.of("")),
        new Auth("Bearer without a key", List.of("Bearer")),
        new Auth("Bearer and a space", List.of("Bearer ")),
        new Auth("unknown key", List.of("Bearer wrong-key-000000000000000000")),
        new Auth("Basic credentials", List.of("Basic YWxhZGRpbjpvcGVuc2VzYW1l")),
        new Auth("key without scheme", List.of(key)),
        new Auth("Token scheme", List.of("Token " + key)),
        new Auth("key with a character appended", List.of("Bearer " + key + "x")),
        new Auth("key with its first character cut", List.of("Bearer " + key.substring(1))),
        new Auth("key upper-cased", List.of("Bearer " + key.toUpperCase(java.util.Locale.ROOT))),
        new Auth("key of 5,000 characters", List.of("Bearer " + "k".repeat(5000))),
        new Auth("key with a NUL byte", List.of("Bearer " + key.substring(0, 4) + "\u0000" + key.substring(5))),
        new Auth("Bearer twice", List.of("Bearer Bearer " + key)));
  }

  /** Several Authorization headers: never a clean authentication, so sent with a broken body. */
  static List<Auth> duplicatedAuth(String key, String otherKey) {
    return List.of(
        new Auth("Authorization twice: valid, then unknown", List.of("Bearer " + key, "Bearer wrong-key-0000000000000000")),
        new Auth("Authorization twice: unknown, then valid", List.of("Bearer wrong-key-0000000000000000", "Bearer " + key)),
        new Auth("Authorization twice: two tenants", List.of("Bearer " + key, "Bearer " + otherKey)),
        new Auth("Authorization as one comma list", List.of("Bearer " + key + ", Bearer " + otherKey)));
  }

  /** Paths no route answers: 404 with a key. */
  static final List<String> UNKNOWN_PATHS = List.of(
      "/", "/v1", "/v1/", "/v2/heartbeat", "/heartbeat", "/v1/nope", "/v1/heartbeatx", "/v1/heartbeat/",
      "/v1/users", "/v1/users/a/b/c", "/v1/sessions/s1/telemetry/extra", "/v1/matches", "/v1/config",
      "/V1/heartbeat", "/v1/heartbeat/validate/x", "/sdk/nope.js", "/sdk", "/sdk/", "/v1/config/signals/x",
      "/v1/scheduler", "/v1/activity/x", "/v1/users/u1/matches", "/v1/matches/a~b~c", "/favicon.ico",
      "/v1/users/u1/profile/x", "/.env", "/v1/stream/x");

  /** Paths that are odd at the URI level or try to climb out of the SDK folder: a 4xx, never content. */
  static final List<String> ODD_PATHS = List.of(
      "/v1/users/%zz", "/v1/users/%", "/v1/users/%00", "/v1/users/%0a", "/v1/users/..", "/v1/users/%2e%2e",
      "/v1/users/a%2Fb", "/v1//heartbeat", "//v1/heartbeat", "/v1/./heartbeat/../heartbeat/x",
      "/sdk/../application.conf", "/sdk/%2e%2e/application.conf", "/sdk/..%2fapplication.conf",
      "/sdk/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/sdk/....//application.conf", "/sdk/%c0%ae%c0%ae/application.conf",
      "/sdk/limbic.js%00.html", "/sdk//etc/passwd", "/sdk/\\..\\application.conf", "/sdk/limbic.js/",
      "/v1/users/" + "a".repeat(3000), "/v1/sessions/%F0%9F%98%80", "/v1/users/%ED%A0%80");

  /** activeWithin values the rule refuses. */
  static final List<String> BAD_WINDOWS = List.of(
      "", "PT-5M", "-PT5M", "PT0S", "P0D", "P31D", "P1Y", "5m", "PT5M%00", "%zz", "PT9999999999999999999H",
      "P9999999999999D", "PT1e400S", "PT" + "9".repeat(400) + "S", "P106751991167300D",
      "%E2%82%AC", "PT5M;drop", "PT" + "5".repeat(3000) + "M");

  /** Query strings nobody asked for, on routes that take none. */
  static final List<String> ODD_QUERIES = List.of(
      "?", "?x", "?x=1&x=2", "?%zz", "?a=%00", "?=", "?&&&", "?access_token=nope", "?sessionId=%0d%0a",
      "?activeWithin=" + "P".repeat(5000), "?a[b]=c", "?a=1;b=2", "?%E2%82%AC=%E2%82%AC");

  /** Path ids outside the rule, URL-encoded. */
  static final List<String> BAD_PATH_IDS = List.of(
      "a%20b", "%C3%BCser", "a%00b", "a%0Ab", "a".repeat(129), "a%2Fb", "a%7Eb", "%E2%80%AE", "a%25", "a+b",
      "%F0%9F%98%80", "%22%3Cscript%3E", "a%3Bb");
}
