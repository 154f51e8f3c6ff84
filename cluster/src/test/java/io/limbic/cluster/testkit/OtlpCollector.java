package io.limbic.cluster.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server standing in for an OpenTelemetry collector: takes OTLP/HTTP protobuf posts on
 * {@code /v1/traces} and decodes the spans' ids, names, kinds and string attributes (the few fields of
 * {@code ExportTraceServiceRequest} the tests read, straight from the protobuf wire format).
 */
public final class OtlpCollector implements AutoCloseable {
  /** One received span; ids in lowercase hex, {@code parentSpanId} empty for a root. */
  public record Span(String traceId, String spanId, String parentSpanId, String name, int kind,
      Map<String, String> attributes) {}

  private final HttpServer server;
  private final List<Span> spans = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  public OtlpCollector() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/traces", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  /** The base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT is given. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Span> spans() {
    return List.copyOf(spans);
  }

  /** The first span below {@code parent} whose name starts with {@code namePrefix}, in its trace; fails if none. */
  public Span childOf(Span parent, String namePrefix) {
    Span found = spans().stream()
        .filter(s -> s.parentSpanId().equals(parent.spanId()) && s.name().startsWith(namePrefix))
        .findFirst().orElse(null);
    assertNotNull(found, "a child '" + namePrefix + "' of " + parent.name() + " in " + names(spans()));
    assertEquals(parent.traceId(), found.traceId());
    return found;
  }

  /** Spans as name(id<parent), for failure messages. */
  public static String names(List<Span> spans) {
    return spans.stream().map(s -> s.name() + "(" + s.spanId() + "<" + s.parentSpanId() + ")").toList().toString();
  }

  /** How many export requests arrived (their content types). */
  public List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
    try {
      // ExportTraceServiceRequest: 1 resource_spans; ResourceSpans: 2 scope_spans; ScopeSpans: 2 spans.
      for (ByteBuffer resource : fields(ByteBuffer.wrap(body), 1)) {
        for (ByteBuffer scope : fields(resource, 2)) {
          for (ByteBuffer span : fields(scope, 2)) spans.add(span(span));
        }
      }
      exchange.sendResponseHeaders(200, -1);
    } catch (RuntimeException e) {
      exchange.sendResponseHeaders(400, -1);
    } finally {
      exchange.close();
    }
  }

  private static Span span(ByteBuffer span) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (ByteBuffer kv : fields(span, 9)) {
      String key = string(first(kv, 1));
      ByteBuffer value = first(kv, 2);
      ByteBuffer text = value == null ? null : first(value, 1); // AnyValue.string_value
      if (text != null) attributes.put(key, string(text));
    }
    return new Span(hex(first(span, 1)), hex(first(span, 2)), hex(first(span, 4)), string(first(span, 5)),
        (int) varint(span.duplicate(), 6), attributes);
  }

  /** Every length-delimited field {@code number} of the message. */
  private static List<ByteBuffer> fields(ByteBuffer message, int number) {
    List<ByteBuffer> found = new ArrayList<>();
    ByteBuffer in = message.duplicate();
    while (in.hasRemaining()) {
      long tag = readVarint(in);
      int wire = (int) (tag & 7);
      int field = (int) (tag >>> 3);
      switch (wire) {
        case 0 -> readVarint(in);
        case 1 -> in.position(in.position() + 8);
        case 5 -> in.position(in.position() + 4);
        case 2 -> {
          int length = (int) readVarint(in);
          ByteBuffer slice = in.slice(in.position(), length);
          in.position(in.position() + length);
          if (field == number) found.add(slice);
        }
        default -> throw new IllegalArgumentException("wire type " + wire);
      }
    }
    return found;
  }

  private static ByteBuffer first(ByteBuffer message, int number) {
    List<ByteBuffer> all = fields(message, number);
    return all.isEmpty() ? null : all.get(0);
  }

  /** The varint field {@code number} (0 when absent). */
  private static long varint(ByteBuffer in, int number) {
    while (in.hasRemaining()) {
      long tag = readVarint(in);
      int wire = (int) (tag & 7);
      if (wire == 0) {
        long v = readVarint(in);
        if ((tag >>> 3) == number) return v;
      } else if (wire == 1) {
        in.position(in.position() + 8);
      } else if (wire == 5) {
        in.position(in.position() + 4);
      } else {
        int length = (int) readVarint(in);
        in.position(in.position() + length);
      }
    }
    return 0;
  }

  private static long readVarint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) return value;
    }
  }

  private static String string(ByteBuffer b) {
    if (b == null) return "";
    byte[] bytes = new byte[b.remaining()];
    b.duplicate().get(bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String hex(ByteBuffer b) {
    if (b == null) return "";
    byte[] bytes = new byte[b.remaining()];
    b.duplicate().get(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
