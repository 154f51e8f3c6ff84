package io.limbic.loadtest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One hand-written HTTP/1.1 keep-alive connection for the heartbeat sender loops only ({@code client=raw}, the
 * default of {@link HeartbeatBenchmark} and {@link ReadSideBenchmark}): it writes a prebuilt request and reads the
 * status line, the headers and a {@code Content-Length} body, nothing else (no chunked replies, no redirects); a
 * reply with {@code Connection: close} is followed by a fresh connection.
 *
 * <p>It exists because of the generator's CPU per request, measured on the shared 2-core machine (loadtest/RESULTS.md,
 * "Generator on Apache HttpClient 5 classic"): about 45-60 us with this class, against about 190-235 us with Apache
 * HttpClient 5 classic ({@link LoadHttp}), 210 us with OkHttp, 400 us with the JDK client and 3,000 us with Pekko
 * HTTP. With the node and the generator on the same two cores only this one can drive the more than 10,000 requests
 * per second the heartbeat benchmarks need. Every other request of the generator goes through {@link LoadHttp}.
 */
final class KeepAliveConnection implements AutoCloseable {
  private final String host;
  private final int port;
  private final StringBuilder line = new StringBuilder(64);
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  KeepAliveConnection(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    open();
  }

  private void open() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout((int) LoadHttp.TIMEOUT.toMillis());
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  /** The bytes of a whole {@code POST} with the API key and a JSON body, built once and sent many times. */
  static byte[] post(String host, int port, String path, String key, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + key
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /** Sends one request and returns the response's status code once its body has been read and dropped. */
  int exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String status = readLine();
    if (status.length() < 12 || !status.startsWith("HTTP/1.")) throw new IOException("not HTTP: " + status);
    int code = Integer.parseInt(status.substring(9, 12));
    long contentLength = 0;
    boolean closing = false;
    String header;
    while (!(header = readLine()).isEmpty()) {
      if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        contentLength = Long.parseLong(header.substring(15).trim());
      } else if (header.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
        throw new IOException("unsupported reply framing: " + header);
      } else if (header.regionMatches(true, 0, "Connection:", 0, 11)) {
        closing = header.substring(11).trim().equalsIgnoreCase("close");
      }
    }
    skip(contentLength);
    if (closing) {
      socket.close();
      open();
    }
    return code;
  }

  private void skip(long length) throws IOException {
    long skipped = 0;
    while (skipped < length) {
      long n = in.skip(length - skipped);
      if (n <= 0) {
        if (in.read() < 0) throw new IOException("connection closed mid-body");
        n = 1;
      }
      skipped += n;
    }
  }

  private String readLine() throws IOException {
    line.setLength(0);
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) throw new IOException("connection closed");
      if (c != '\r') line.append((char) c);
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
