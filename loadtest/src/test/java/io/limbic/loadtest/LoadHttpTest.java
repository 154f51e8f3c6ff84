package io.limbic.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator's client on a socket: bodies and statuses come back as sent, and its failures keep the names the
 * benchmarks print (a refused connection, a reply that does not come in time).
 */
class LoadHttpTest {
  private final CountDownLatch released = new CountDownLatch(1);
  private ExecutorService threads;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    threads = Executors.newFixedThreadPool(4);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(threads);
    server.createContext("/echo", this::echo);
    server.createContext("/never", this::never);
    server.start();
  }

  @AfterEach
  void stop() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private void echo(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String type = String.valueOf(exchange.getRequestHeaders().get("Content-Type"));
    byte[] reply = (exchange.getRequestMethod() + " " + type + " " + body).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(418, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  private void never(HttpExchange exchange) throws IOException {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.close();
  }

  @Test
  void aPutComesBackWithItsStatusAndBodyAndOneContentType() throws Exception {
    int port = server.getAddress().getPort();

    HttpResponse<String> response = LoadHttp.send(LoadHttp.put(port, "/echo", "k", "{\"name\":\"Zoë\"}"));

    assertEquals(418, response.statusCode());
    assertEquals("PUT [application/json] {\"name\":\"Zoë\"}", response.body());
  }

  @Test
  void aRefusedConnectionIsAConnectException() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    HttpRequest request = LoadHttp.get(closed, "/echo", "k");

    IOException e = assertThrows(IOException.class, () -> LoadHttp.exchange(request));

    assertEquals(ConnectException.class, e.getClass());
  }

  @Test
  void aReplyLaterThanTheRequestsTimeoutIsAnHttpTimeoutException() throws Exception {
    int port = server.getAddress().getPort();
    HttpRequest request = LoadHttp.to(port, "/never", "k").timeout(Duration.ofMillis(300)).GET().build();

    IOException e = assertThrows(IOException.class, () -> LoadHttp.exchange(request));

    assertEquals(HttpTimeoutException.class, e.getClass());
  }
}
