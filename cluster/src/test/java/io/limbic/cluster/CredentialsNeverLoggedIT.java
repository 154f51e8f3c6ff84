package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.Eventually;
import io.limbic.cluster.testkit.NodeProcess;
import io.limbic.cluster.testkit.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Defect 4 of issue 7: keys in the log. A node in its own JVM, logging through the production logback.xml at its
 * production level, receives the requests that used to put keys into its log (unparsable Authorization headers,
 * a key outside token68, folded and garbage header lines, a malformed WebSocket request target carrying
 * access_token, valid requests with the key in the query) over raw sockets; everything it writes, from start to
 * exit, must hold none of the configured keys nor the rejected ones.
 */
class CredentialsNeverLoggedIT {
  // Each secret has a core of its own, so a log line holding part of one (a masked prefix, a split header) is found.
  private static final String ACME_KEY = "acme-Qx7Lp2Vm9Rt4Wz8";
  private static final String GLOBEX_KEY = "globex-Jf3Nc6Hs1Yd5Ub0";
  private static final String UNKNOWN_KEY = "unknown-Ke4Rw8Tz2Pv6Ga1";
  private static final String NON_TOKEN68_KEY = "acme \"Hk3Jd9PqZm\" with, spaces";
  private static final String MISCONFIGURED_KEY = "acme\"Vn5Tb8Kc2Mx6";
  private static final List<String> SECRETS =
      List.of(ACME_KEY, GLOBEX_KEY, UNKNOWN_KEY, NON_TOKEN68_KEY, MISCONFIGURED_KEY,
          "Qx7Lp2Vm9Rt4Wz8", "Jf3Nc6Hs1Yd5Ub0", "Ke4Rw8Tz2Pv6Ga1", "Hk3Jd9PqZm", "Vn5Tb8Kc2Mx6");
  private static final String WEBSOCKET =
      "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n";

  @Test
  void noKeyEverReachesTheLog() throws Exception {
    Path dataDir = Files.createTempDirectory("limbic-log-");
    int port = TestNode.freePort();
    NodeProcess node =
        NodeProcess.start(
            Map.of(
                "LIMBIC_DATA_DIR", dataDir.toString(),
                "LIMBIC_API_KEYS", "acme:" + ACME_KEY + ",globex:" + GLOBEX_KEY,
                "LIMBIC_HTTP_PORT", Integer.toString(port),
                "LIMBIC_MANAGEMENT_PORT", Integer.toString(TestNode.freePort()),
                "LIMBIC_REMOTE_PORT", Integer.toString(TestNode.freePort())),
            // The production logging configuration, not the tests' (which sits first on the class path).
            List.of("-Dlogback.configurationFile=logback.xml"));
    List<String> statuses = new ArrayList<>(); // response heads
    try {
      String heartbeat = "{\"userId\":\"alice\"}";
      // The first request may meet a cold shard (503 + Retry-After): retried, as a client would.
      statuses.add(
          Eventually.value(
              Duration.ofSeconds(30),
              () -> {
                String reply = exchange(port, "POST /v1/heartbeat?access_token=" + GLOBEX_KEY + " HTTP/1.1\r\n"
                    + "Authorization: Bearer " + ACME_KEY + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + heartbeat.length() + "\r\n", heartbeat);
                assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
                return reply;
              }));
      statuses.add(exchange(port, "GET /v1/users/alice HTTP/1.1\r\nAuthorization: Bearer " + ACME_KEY
          + ", Bearer " + GLOBEX_KEY + "\r\n", ""));
      statuses.add(exchange(port, "GET /v1/users/alice HTTP/1.1\r\nAuthorization: Bearer " + NON_TOKEN68_KEY
          + "\r\n", ""));
      statuses.add(exchange(port, "GET /v1/users/alice HTTP/1.1\r\nAuthorization: Bearer " + UNKNOWN_KEY
          + "\r\n", ""));
      statuses.add(exchange(port, "GET /v1/users/alice HTTP/1.1\r\nAuthorization: Bearer\r\n " + ACME_KEY
          + "\r\n", ""));
      statuses.add(exchange(port, "GET /v1/users/alice HTTP/1.1\r\nAuthorization: Bearer " + GLOBEX_KEY
          + "\r\nthis is garbage " + ACME_KEY + "\r\n", ""));
      statuses.add(exchange(port, "GET /v1/users/alice HTTP/1.1\r\nAuthorization: Bearer " + ACME_KEY
          + "\u0001\r\n", ""));
      statuses.add(exchange(port, "GET /v1/stream?access_token=" + ACME_KEY + "&sessionId=s|1 HTTP/1.1\r\n"
          + WEBSOCKET, ""));
      statuses.add(exchange(port, "GET /v1/stream?access_token=" + ACME_KEY + "&sessionId=s{1} HTTP/1.1\r\n"
          + "Authorization: Bearer " + GLOBEX_KEY + "\r\n" + WEBSOCKET, ""));
      statuses.add(exchange(port, "GET /v1/stream?sessionId=s1&access_token=" + ACME_KEY + " HTTP/1.1\r\n"
          + WEBSOCKET, ""));

      assertTrue(statuses.get(0).startsWith("HTTP/1.1 200 "), statuses.toString());
      for (int i = 1; i <= 3; i++) assertTrue(statuses.get(i).startsWith("HTTP/1.1 401 "), statuses.get(i));
      for (int i = 4; i <= 6; i++) assertTrue(statuses.get(i).startsWith("HTTP/1.1 "), statuses.get(i));
      assertTrue(statuses.get(7).startsWith("HTTP/1.1 400 "), statuses.get(7));
      assertTrue(statuses.get(7).contains("application/problem+json"), "a problem body: " + statuses.get(7));
      assertTrue(statuses.get(8).startsWith("HTTP/1.1 400 "), statuses.get(8));
      assertTrue(statuses.get(9).startsWith("HTTP/1.1 101 "), statuses.get(9));
      // The malformed requests are still visible to an operator, by kind.
      Eventually.within(
          Duration.ofSeconds(10),
          () -> assertTrue(
              node.output().stream().anyMatch(l -> l.contains("Malformed request answered 400: Illegal request-target")),
              "the malformed request target is logged by kind"));
    } finally {
      assertTrue(node.terminate(), "the node stops");
    }
    List<String> log = node.awaitOutput();
    assertTrue(log.size() > 3, "the node's output was captured: " + log);
    assertNoSecret(log);
  }

  @Test
  void aConfiguredKeyOutsideToken68StopsTheStartAndIsNotPrinted() throws Exception {
    List<String> output = new ArrayList<>();
    int exit =
        NodeProcess.runToExit(
            Map.of(
                "LIMBIC_DATA_DIR", Files.createTempDirectory("limbic-badkey-").toString(),
                "LIMBIC_API_KEYS", "acme:" + ACME_KEY + ",initech:" + MISCONFIGURED_KEY),
            List.of("-Dlogback.configurationFile=logback.xml"),
            output);
    assertNotEquals(0, exit, String.join("\n", output));
    assertTrue(output.stream().anyMatch(l -> l.contains("tenant 'initech'") && l.contains("token68")),
        String.join("\n", output));
    assertNoSecret(output);
  }

  private static void assertNoSecret(List<String> log) {
    List<String> leaks =
        log.stream().filter(line -> SECRETS.stream().anyMatch(line::contains)).toList();
    assertEquals(List.of(), leaks, "no key, configured or rejected, appears in what the node logged");
  }

  /** Sends one request on its own connection and returns the response's head (status line and headers). */
  private static String exchange(int port, String head, String body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Host: 127.0.0.1\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        response.write(b);
        if (response.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) break;
      }
      return response.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
