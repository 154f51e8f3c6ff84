package io.limbic.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contacts' webhook, inside the generator process on 127.0.0.1: answers 200 to every notice and keeps, per
 * user, the time the first notice arrived (when its request line and headers had been read, before the body). It has
 * its own thread, so the background sessions' callbacks never delay the clock it reads.
 */
final class NoticeReceiver implements AutoCloseable {
  private static final Pattern USER = Pattern.compile("\"userId\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpServer server;
  private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
  private final AtomicLong notices = new AtomicLong();
  private final AtomicLong repeats = new AtomicLong();

  NoticeReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "notice-receiver");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** {@link System#nanoTime()} when the first notice about {@code userId} arrived, or null. */
  Long arrival(String userId) {
    return firstArrival.get(userId);
  }

  long notices() {
    return notices.get();
  }

  /** Notices about a user who had one already (a retry, or a second incident). */
  long repeats() {
    return repeats.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
    notices.incrementAndGet();
    Matcher m = USER.matcher(body);
    if (m.find() && firstArrival.putIfAbsent(m.group(1), arrived) != null) repeats.incrementAndGet();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
