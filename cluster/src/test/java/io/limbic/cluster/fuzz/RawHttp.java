package io.limbic.cluster.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte over one keep-alive socket, so a request can carry what a client library would
 * refuse to send: a malformed target, a NUL in a header, a header twice. It reconnects when the server closed.
 */
final class RawHttp implements AutoCloseable {
  private static final int TIMEOUT_MS = 30_000;

  /** An answer: status 0 and {@code failure} when the connection broke instead. */
  record Answer(int status, Map<String, String> headers, String body, String failure) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttp(int port) {
    this.port = port;
  }

  Answer send(FuzzRequest request) {
    boolean reused = socket != null;
    try {
      return exchange(request);
    } catch (IOException first) {
      close();
      if (!reused) return new Answer(0, Map.of(), "", first.getClass().getSimpleName() + ": " + first.getMessage());
      // The server may have closed the kept-alive connection after the previous answer: one fresh attempt.
      try {
        return exchange(request);
      } catch (IOException e) {
        close();
        return new Answer(0, Map.of(), "", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }

  private Answer exchange(FuzzRequest request) throws IOException {
    if (socket == null) connect();
    out.write(head(request));
    if (request.body() != null) {
      if (request.chunked()) writeChunked(request.body());
      else out.write(request.body());
    }
    out.flush();
    Answer answer = read(request.method().equals("HEAD"));
    String connection = answer.header("connection");
    if (answer.status() == 101 || (connection != null && connection.toLowerCase(Locale.ROOT).contains("close"))) {
      close();
    }
    return answer;
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    socket.setSoTimeout(TIMEOUT_MS);
    socket.setTcpNoDelay(true);
    in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  private byte[] head(FuzzRequest request) {
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    for (String[] header : request.headers()) head.append(header[0]).append(": ").append(header[1]).append("\r\n");
    if (request.body() != null) {
      if (request.chunked()) head.append("Transfer-Encoding: chunked\r\n");
      else head.append("Content-Length: ").append(request.body().length).append("\r\n");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void writeChunked(byte[] body) throws IOException {
    int chunk = 16 * 1024;
    for (int at = 0; at < body.length; at += chunk) {
      int length = Math.min(chunk, body.length - at);
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, length);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private Answer read(boolean head) throws IOException {
    String statusLine = line();
    if (statusLine == null) throw new IOException("connection closed before an answer");
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    if (head || status == 101 || status == 204 || status == 304) return new Answer(status, headers, "", null);
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = chunkedBody();
    else if (headers.containsKey("content-length")) body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    else body = in.readAllBytes();
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), null);
  }

  private byte[] chunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      if (size == null) throw new IOException("connection closed inside a chunked body");
      int length = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (length == 0) {
        while (true) {
          String trailer = line();
          if (trailer == null || trailer.isEmpty()) return body.toByteArray();
        }
      }
      body.write(in.readNBytes(length));
      line();
    }
  }

  /** A CRLF-terminated line, or null at the end of the stream. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already broken
      }
    }
    socket = null;
  }
}
