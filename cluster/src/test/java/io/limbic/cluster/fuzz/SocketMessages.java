package io.limbic.cluster.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Malformed WebSocket messages for {@code /v1/stream}, deterministic in (seed, index): garbage, binary frames,
 * broken JSON, batches of broken samples, big messages. None carries a valid sample.
 */
final class SocketMessages {
  /** One message: text, or binary when {@code binary} is set. */
  record Message(String shape, String text, byte[] binary) {
    String oneLine() {
      String shown = binary != null ? "binary, " + binary.length + " bytes" : FuzzRequest.clip(text, 160);
      return shown.replace('\n', ' ').replace('\r', ' ');
    }
  }

  private static final WriteRoute TELEMETRY =
      WriteRoute.ALL.stream().filter(r -> r.route().contains("telemetry")).findFirst().orElseThrow();

  private final long seed;
  private final String canaryUser;
  private final String canarySession;
  private final BodyShapes shapes = new BodyShapes();

  SocketMessages(long seed, String canaryUser, String canarySession) {
    this.seed = seed;
    this.canaryUser = canaryUser;
    this.canarySession = canarySession;
  }

  Message message(int index) {
    Random random = new Random(RequestGenerator.mix(seed ^ 0x5EED_50C4L, index));
    FuzzIds ids = new FuzzIds(canaryUser, canarySession, random);
    int roll = random.nextInt(100);
    if (roll < 45) {
      BodyTemplate.Broken sample = Templates.SAMPLE.broken(random, ids);
      int copies = 1 + random.nextInt(3);
      return text("item " + sample.shape(), shapes.batch(TELEMETRY, ids, java.util.Collections.nCopies(copies, sample.json())));
    }
    if (roll < 60) {
      BodyShapes.Shape shape = RequestGenerator.pick(random, shapes.batchBreaks(TELEMETRY, ids, random));
      return text(shape.label(), shape.body());
    }
    if (roll < 85) {
      BodyShapes.Shape shape = RequestGenerator.pick(random, shapes.structural(TELEMETRY, ids, random));
      return text(shape.label(), shape.body());
    }
    if (roll < 93) return garbage(random);
    if (roll < 97) return new Message("binary frame", null, bytes(random, 1 + random.nextInt(4096)));
    return text("text over 256 KiB", "{\"samples\":[],\"pad\":\"" + "p".repeat(256 * 1024 + random.nextInt(4096)) + "\"}");
  }

  private static Message garbage(Random random) {
    List<String> texts = List.of("", " ", "hello", "{", "}", "[1,2", "null", "42", "\"text\"", "[]", "{}",
        "{\"type\":\"ack\"}", "{\"samples\":null}", "\u0000\u0001\u0002", "ping");
    if (random.nextBoolean()) return text("garbage text", RequestGenerator.pick(random, texts));
    StringBuilder noise = new StringBuilder();
    int length = 1 + random.nextInt(512);
    for (int i = 0; i < length; i++) noise.append((char) (0x20 + random.nextInt(0x2000)));
    return text("random characters", noise.toString());
  }

  private static Message text(String shape, String text) {
    // Stands for invalid UTF-8, which a text frame cannot carry: sent as a raw control character (invalid JSON too).
    return new Message(shape, text.replace(FuzzRequest.INVALID_UTF8, "\u0001"), null);
  }

  private static byte[] bytes(Random random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    if (random.nextBoolean()) System.arraycopy("{\"samples\":[]}".getBytes(StandardCharsets.UTF_8), 0, out, 0, Math.min(14, length));
    return out;
  }
}
