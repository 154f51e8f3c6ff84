package io.limbic.loadtest.gatling;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how long a simulation runs, from system properties: {@code limbic.url} (default
 * http://127.0.0.1:8080; loopback only; several joined by {@code ,} spread the virtual users over several nodes
 * round-robin), {@code limbic.key} (default: the key {@code ./limbic start} generated in
 * {@code data/api-key}), {@code duration} (seconds of steady load, default 60, at most 600) and {@code users}.
 */
record LoadTarget(java.util.List<URI> urls, String key, Duration duration, int users) {
  private static final Duration LONGEST = Duration.ofMinutes(10);

  static LoadTarget fromProperties(int defaultUsers) {
    java.util.List<URI> urls = java.util.Arrays.stream(
            System.getProperty("limbic.url", "http://127.0.0.1:8080").split(","))
        .map(String::trim).map(URI::create).toList();
    for (URI url : urls) {
      String host = url.getHost();
      if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
        throw new IllegalArgumentException("load tests target this machine only (127.0.0.1), not " + host);
      }
    }
    Duration duration = Duration.ofSeconds(Long.getLong("duration", 60));
    if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("duration must be 1..600 seconds");
    }
    return new LoadTarget(urls, keyFromProperties(), duration, Integer.getInteger("users", defaultUsers));
  }

  private static String keyFromProperties() {
    String key = System.getProperty("limbic.key", "");
    if (!key.isBlank()) return key;
    Path file = Path.of(System.getProperty("limbic.key-file", "../data/api-key"));
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException("no API key: pass -Dlimbic.key=... or start a node once (" + file + ")", e);
    }
  }

  /** A duration property in seconds (fractions allowed). */
  static Duration seconds(String property, double defaultSeconds) {
    double seconds = Double.parseDouble(System.getProperty(property, Double.toString(defaultSeconds)));
    if (!(seconds > 0) || seconds > LONGEST.toSeconds()) {
      throw new IllegalArgumentException(property + " must be more than 0 and at most 600 seconds");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /** Tells this run's ids from an earlier run's (a base-36 clock reading). */
  static String runId() {
    return Long.toString(System.currentTimeMillis(), 36);
  }

  /** Keep-alive HTTP/1.1 to the node, the key on every request, JSON bodies. */
  HttpProtocolBuilder protocol() {
    return http.baseUrls(urls.stream().map(URI::toString).toList())
        .authorizationHeader("Bearer " + key)
        .contentTypeHeader("application/json")
        .acceptHeader("application/json")
        .shareConnections();
  }

  /** The longest a run may take: the steady load, the ramp, and time for the last requests. */
  Duration maxDuration(Duration ramp) {
    return duration.plus(ramp).plusSeconds(30);
  }
}
