package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.TestDatabase;
import io.limbic.cluster.testkit.TestNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15, over a socket: the routes whose credential is in the body (PostHog's api_key, Segment's writeKey, the
 * dashboard's sign-in key) do not read a refused body for a caller nobody authenticated. A request announcing 4 MiB
 * is answered 413 with {@code Connection: close} before a byte of its body is sent; before the fix the node waited
 * to drain up to 16 MiB (limbic.http.refused-body-drain) of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnauthenticatedBodyDrainH2IT {
  static final long ANNOUNCED = 4L * 1024 * 1024;

  TestDatabase db;
  LimbicNode node;

  @BeforeAll
  void startNode() throws Exception {
    db = TestDatabase.of("h2");
    node = TestNode.start(db, Map.of("limbic.api-keys", "acme:acme-secret-0123456789abcdef"));
  }

  @AfterAll
  void stopNode() {
    if (node != null) node.stop();
  }

  /** The status line and headers of the answer to headers announcing {@link #ANNOUNCED} bytes and no body. */
  private List<String> announce(String path, String... headers) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", node.httpPort()));
      // Without the fix the node waits for the body it means to drain: the read then fails by this timeout.
      socket.setSoTimeout(30_000);
      StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + node.httpPort()
          + "\r\nContent-Type: application/json\r\nContent-Length: " + ANNOUNCED + "\r\n");
      for (String h : headers) request.append(h).append("\r\n");
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      List<String> head = new ArrayList<>();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) head.add(line);
      return head;
    }
  }

  private static void refusedAndClosed(List<String> head) {
    assertTrue(!head.isEmpty() && head.get(0).startsWith("HTTP/1.1 413"), head.toString());
    assertTrue(head.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals("connection: close")), head.toString());
  }

  @Test
  void postHogRefusesAnOversizeBodyBeforeReadingIt() throws Exception {
    refusedAndClosed(announce("/batch/"));
  }

  @Test
  void segmentWithTheWriteKeyInTheBodyRefusesAnOversizeBodyBeforeReadingIt() throws Exception {
    refusedAndClosed(announce("/segment/v1/batch"));
  }

  @Test
  void dashboardSignInRefusesAnOversizeBodyBeforeReadingIt() throws Exception {
    refusedAndClosed(announce("/dashboard/session", "X-Limbic-Dashboard: 1"));
  }
}
