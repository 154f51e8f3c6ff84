package io.limbic.loadtest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection that sends a request and reads the whole response. Deliberately minimal, so
 * that the load generator spends as little of the shared CPU as possible.
 */
final class KeepAliveConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private byte[] body = new byte[1024];
  private int bodyLength;

  KeepAliveConnection(String host, int port) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  static byte[] post(String host, int port, String path, String key, String json) {
    return request("POST", host, port, path, key, json);
  }

  /** A whole request with a JSON body ({@code PUT}, {@code POST}), or without one when {@code json} is null. */
  static byte[] request(String method, String host, int port, String path, String key, String json) {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    String head =
        method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + key
            + (json == null ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + body.length)
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /** Sends one request and returns the response's status code after reading its body. */
  int exchange(byte[] request) throws IOException {
    return exchange(request, request.length, false);
  }

  /**
   * Sends the first {@code length} bytes of {@code request} and returns the response's status code; with {@code
   * keepBody} the body stays readable through {@link #body()} until the next exchange, otherwise it is skipped.
   */
  int exchange(byte[] request, int length, boolean keepBody) throws IOException {
    out.write(request, 0, length);
    out.flush();
    String status = readLine();
    int code = Integer.parseInt(status.substring(9, 12));
    int contentLength = 0;
    String line;
    while (!(line = readLine()).isEmpty()) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        contentLength = Integer.parseInt(line.substring(15).trim());
      }
    }
    if (keepBody) readBody(contentLength);
    else skip(contentLength);
    return code;
  }

  /** The body of the last exchange that kept it (the responses read this way are small ASCII JSON). */
  String body() {
    return new String(body, 0, bodyLength, StandardCharsets.ISO_8859_1);
  }

  private void readBody(int length) throws IOException {
    if (body.length < length) body = new byte[Math.max(length, body.length * 2)];
    int read = 0;
    while (read < length) {
      int n = in.read(body, read, length - read);
      if (n < 0) throw new IOException("connection closed mid-body");
      read += n;
    }
    bodyLength = length;
  }

  private void skip(int length) throws IOException {
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
    StringBuilder line = new StringBuilder(64);
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
