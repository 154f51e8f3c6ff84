package io.limbic.cluster.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between a node and its database that a test can cut: {@link #cut()} closes every connection and
 * stops listening (new connections are refused, as by a stopped PostgreSQL); {@link #restore()} listens again on the
 * same port.
 */
public final class DatabaseProxy implements AutoCloseable {
  private final int upstreamPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  public DatabaseProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.port = TestNode.freePort();
    listen();
  }

  public int port() {
    return port;
  }

  /** {@code jdbcUrl} with its port replaced by this proxy's. */
  public String through(String jdbcUrl) {
    return jdbcUrl.replaceFirst(":" + upstreamPort + "/", ":" + port + "/");
  }

  public synchronized void cut() throws IOException {
    ServerSocket current = listener;
    listener = null;
    if (current != null) current.close();
    for (Socket socket : open) closeQuietly(socket);
    open.clear();
  }

  public synchronized void restore() throws IOException {
    if (listener == null) listen();
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private void listen() throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listener = server;
    Thread accepting = new Thread(() -> accept(server), "db-proxy-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        open.add(client);
        open.add(upstream);
        if (listener != server) {
          closeQuietly(client);
          closeQuietly(upstream);
          continue;
        }
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // the listener was closed by cut(), or the upstream refused: the next accept decides
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // cut, or one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "db-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
