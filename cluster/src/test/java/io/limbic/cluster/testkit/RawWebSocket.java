package io.limbic.cluster.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client written by hand on a plain socket, for what a well-behaved client never does: frames that
 * announce more than they send, or never end. Client frames are masked with a zero key (so the payload is plain).
 */
public final class RawWebSocket implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  /** The status line and headers of the answer to the upgrade. */
  public final String response;

  private RawWebSocket(Socket socket, String response) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.response = response;
  }

  /** Sends the upgrade for {@code pathAndQuery}, with {@code origin} when not null, and reads the answer's head. */
  public static RawWebSocket open(int port, String pathAndQuery, String origin) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000); // only a guard against a hung test; the bounds under test are far shorter
    String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) break;
      head.write(b);
    }
    return new RawWebSocket(socket, head.toString(StandardCharsets.ISO_8859_1));
  }

  public int status() {
    return Integer.parseInt(response.split(" ")[1]);
  }

  /** The body of a non-101 answer (read up to Content-Length). */
  public String body() throws IOException {
    int length = 0;
    for (String line : response.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).strip());
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** The header of an unfinished text frame that announces {@code length} payload bytes. */
  public void startTextFrame(long length) throws IOException {
    byte[] header = new byte[14];
    header[0] = (byte) 0x81; // FIN, text
    header[1] = (byte) (0x80 | 127); // masked, 64-bit length
    for (int i = 0; i < 8; i++) header[2 + i] = (byte) (length >>> (56 - 8 * i));
    out.write(header); // the last four bytes are the zero mask key
    out.flush();
  }

  public void sendPayload(int bytes) throws IOException {
    byte[] chunk = new byte[8192];
    java.util.Arrays.fill(chunk, (byte) 'a');
    for (int sent = 0; sent < bytes; sent += chunk.length) out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
    out.flush();
  }

  /** The text frames the server sends until its close frame; fails if the socket ends without one. */
  public List<String> textUntilClose() throws IOException {
    List<String> texts = new ArrayList<>();
    while (true) {
      int first = in.read();
      if (first < 0) throw new IOException("the connection ended without a close frame");
      int second = in.read();
      long length = second & 0x7f;
      if (length == 126) length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
      else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) length = (length << 8) | (in.read() & 0xff);
      }
      byte[] payload = in.readNBytes((int) length);
      int opcode = first & 0x0f;
      if (opcode == 0x8) return texts;
      if (opcode == 0x1) texts.add(new String(payload, StandardCharsets.UTF_8));
    }
  }

  /**
   * Reads and drops what the server sends until it closes the TCP connection (a reset counts: a server that
   * closes with unread bytes from us resets the connection).
   */
  public void awaitEndOfStream() throws IOException {
    byte[] buffer = new byte[4096];
    try {
      while (in.read(buffer) >= 0) {
        // nothing the server sends after its close frame matters here
      }
    } catch (java.net.SocketException reset) {
      // ended
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
