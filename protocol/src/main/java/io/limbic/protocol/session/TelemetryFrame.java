package io.limbic.protocol.session;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A telemetry batch in the browser SDK's binary WebSocket framing, the compact twin of the JSON message
 * {@code {"userId"?, "capabilities"?, "samples": [...]}}. Samples come out as the same field maps a JSON parser
 * gives, so the same per-sample checks apply to both. Layout (varint = unsigned LEB128, at most 9 bytes; zigzag =
 * signed varint):
 *
 * <pre>
 *   version byte (1) | header flags byte: 1 userId, 2 capabilities, 4 mutations, 8 selection
 *   [userId string] | varint string count, strings | varint sample count, samples
 *   string: varint byte length, UTF-8 bytes
 *   sample: kind byte (index into KINDS) | field flags byte: 1 x+y, 2 button, 4 target, 8 section, 16 scrollY,
 *           32 url, 64 noRage | zigzag t - previous t (previous = 0 for the first), then what the flags name, in
 *           this order: zigzag x - previous x, zigzag y - previous y | varint button | varint target index |
 *           varint section index | zigzag scrollY | varint url index | varint noRage index
 * </pre>
 *
 * A kind outside KINDS is kept as type {@code kind-N}, so the sample is refused with a reason as an unknown JSON
 * type is; anything else that does not follow the layout is a {@link Malformed} frame. {@code declaredSamples} is
 * the frame's sample count: when it is over the limit given to {@link #decode(byte[], int)}, no sample is built
 * ({@code samples} is empty) and the frame is to be refused as too many samples, as a JSON message would be.
 */
public record TelemetryFrame(
    Optional<String> userId, Optional<Capabilities> capabilities, List<Map<String, Object>> samples,
    int declaredSamples) {
  /** Samples a frame may declare when {@link #decode(byte[])} is given no other limit (the session routes' limit). */
  public static final int MAX_SAMPLES = 1000;
  public static final int VERSION = 1;
  public static final List<String> KINDS = List.of(
      "move", "down", "up", "click", "scroll", "key", "nav", "error", "mutation", "visibility", "select");
  private static final String[] STRING_FIELDS = {"target", "section", "url", "noRage"};
  private static final int XY = 1, BUTTON = 2, TARGET = 4, SECTION = 8, SCROLL = 16, URL = 32, NO_RAGE = 64;
  private static final int HAS_USER = 1, HAS_CAPABILITIES = 2, MUTATIONS = 4, SELECTION = 8;
  private static final int MAX_VARINT_BYTES = 9;

  /** A binary message that does not follow the layout; the message says where. */
  public static final class Malformed extends IllegalArgumentException {
    Malformed(String message) {
      super(message);
    }
  }

  public TelemetryFrame(
      Optional<String> userId, Optional<Capabilities> capabilities, List<Map<String, Object>> samples) {
    this(userId, capabilities, samples, samples.size());
  }

  /** {@link #decode(byte[], int)} with {@link #MAX_SAMPLES}. */
  public static TelemetryFrame decode(byte[] bytes) {
    return decode(bytes, MAX_SAMPLES);
  }

  /**
   * The frame in {@code bytes}. A frame declaring more than {@code maxSamples} samples comes back with its header,
   * its count and no samples: none is read, so a large frame of tiny samples never turns into that many maps.
   */
  public static TelemetryFrame decode(byte[] bytes, int maxSamples) {
    return new Reader(bytes).frame(maxSamples);
  }

  /** The frame's bytes; numbers must be whole (the SDK rounds positions) and types among KINDS. */
  public byte[] encode() {
    List<String> strings = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (Map<String, Object> s : samples) {
      for (String field : STRING_FIELDS) {
        if (s.get(field) instanceof String text) index.computeIfAbsent(text, k -> { strings.add(k); return strings.size() - 1; });
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(VERSION);
    int header = (userId.isPresent() ? HAS_USER : 0) | (capabilities.isPresent() ? HAS_CAPABILITIES : 0)
        | (capabilities.map(Capabilities::mutations).orElse(false) ? MUTATIONS : 0)
        | (capabilities.map(Capabilities::selection).orElse(false) ? SELECTION : 0);
    out.write(header);
    userId.ifPresent(u -> string(out, u));
    varint(out, strings.size());
    strings.forEach(s -> string(out, s));
    varint(out, samples.size());
    long t = 0, x = 0, y = 0;
    for (Map<String, Object> s : samples) {
      int kind = KINDS.indexOf((String) s.get("type"));
      if (kind < 0) throw new IllegalArgumentException("no kind code for type " + s.get("type"));
      out.write(kind);
      int flags = (s.get("x") != null ? XY : 0) | (s.get("button") != null ? BUTTON : 0)
          | (s.get("target") != null ? TARGET : 0) | (s.get("section") != null ? SECTION : 0)
          | (s.get("scrollY") != null ? SCROLL : 0) | (s.get("url") != null ? URL : 0)
          | (s.get("noRage") != null ? NO_RAGE : 0);
      out.write(flags);
      long st = whole(s.get("t"));
      zigzag(out, st - t);
      t = st;
      if ((flags & XY) != 0) {
        long sx = whole(s.get("x"));
        long sy = whole(s.get("y"));
        zigzag(out, sx - x);
        zigzag(out, sy - y);
        x = sx;
        y = sy;
      }
      if ((flags & BUTTON) != 0) varint(out, whole(s.get("button")));
      if ((flags & TARGET) != 0) varint(out, index.get((String) s.get("target")));
      if ((flags & SECTION) != 0) varint(out, index.get((String) s.get("section")));
      if ((flags & SCROLL) != 0) zigzag(out, whole(s.get("scrollY")));
      if ((flags & URL) != 0) varint(out, index.get((String) s.get("url")));
      if ((flags & NO_RAGE) != 0) varint(out, index.get((String) s.get("noRage")));
    }
    return out.toByteArray();
  }

  private static long whole(Object value) {
    double d = ((Number) value).doubleValue();
    if (d != Math.rint(d)) throw new IllegalArgumentException("the binary framing carries whole numbers, got " + d);
    return ((Number) value).longValue();
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    varint(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static void zigzag(ByteArrayOutputStream out, long n) {
    varint(out, (n << 1) ^ (n >> 63));
  }

  private static void varint(ByteArrayOutputStream out, long n) {
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
  }

  /** Reads one frame, bounds-checking every length and index against what is left. */
  private static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    TelemetryFrame frame(int maxSamples) {
      int version = unsignedByte("version");
      if (version != VERSION) throw malformed("version " + version + " is not supported; this node reads " + VERSION);
      int header = unsignedByte("header flags");
      if ((header & ~0x0F) != 0 || ((header & HAS_CAPABILITIES) == 0 && (header & (MUTATIONS | SELECTION)) != 0)) {
        throw malformed("unknown header flags " + header);
      }
      Optional<String> userId = (header & HAS_USER) != 0 ? Optional.of(string()) : Optional.empty();
      Optional<Capabilities> capabilities = (header & HAS_CAPABILITIES) == 0 ? Optional.empty()
          : Optional.of(new Capabilities((header & MUTATIONS) != 0, (header & SELECTION) != 0));
      int stringCount = count("string count", 1);
      List<String> strings = new ArrayList<>(stringCount);
      for (int i = 0; i < stringCount; i++) strings.add(string());
      int sampleCount = count("sample count", 3);
      if (sampleCount > maxSamples) return new TelemetryFrame(userId, capabilities, List.of(), sampleCount);
      List<Map<String, Object>> samples = new ArrayList<>(sampleCount);
      long t = 0, x = 0, y = 0;
      for (int i = 0; i < sampleCount; i++) {
        int kind = unsignedByte("kind");
        int flags = unsignedByte("field flags");
        if ((flags & 0x80) != 0) throw malformed("unknown field flags " + flags);
        Map<String, Object> s = new LinkedHashMap<>();
        t = plus(t, zigzag());
        s.put("t", t);
        s.put("type", kind < KINDS.size() ? KINDS.get(kind) : "kind-" + kind);
        if ((flags & XY) != 0) {
          x = plus(x, zigzag());
          y = plus(y, zigzag());
          s.put("x", x);
          s.put("y", y);
        }
        if ((flags & BUTTON) != 0) s.put("button", varint());
        if ((flags & TARGET) != 0) s.put("target", ref(strings));
        if ((flags & SECTION) != 0) s.put("section", ref(strings));
        if ((flags & SCROLL) != 0) s.put("scrollY", zigzag());
        if ((flags & URL) != 0) s.put("url", ref(strings));
        if ((flags & NO_RAGE) != 0) s.put("noRage", ref(strings));
        samples.add(s);
      }
      if (at != bytes.length) throw malformed((bytes.length - at) + " bytes after the last sample");
      return new TelemetryFrame(userId, capabilities, samples, sampleCount);
    }

    private long plus(long a, long b) {
      try {
        return Math.addExact(a, b);
      } catch (ArithmeticException e) {
        throw malformed("a delta overflows");
      }
    }

    /** A count of items that each take at least {@code minBytes}: more than the bytes left could hold is a lie. */
    private int count(String what, int minBytes) {
      long n = varint();
      if (n > (bytes.length - at) / minBytes) throw malformed(what + " " + n + " does not fit in the bytes left");
      return (int) n;
    }

    private String ref(List<String> strings) {
      long i = varint();
      if (i >= strings.size()) throw malformed("string index " + i + " outside the table of " + strings.size());
      return strings.get((int) i);
    }

    private String string() {
      int length = count("string length", 1);
      try {
        String s = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, at, length)).toString();
        at += length;
        return s;
      } catch (CharacterCodingException e) {
        throw malformed("a string is not valid UTF-8");
      }
    }

    private long zigzag() {
      long n = varint();
      return (n >>> 1) ^ -(n & 1);
    }

    private long varint() {
      long n = 0;
      for (int i = 0; i < MAX_VARINT_BYTES; i++) {
        int b = unsignedByte("varint");
        n |= (long) (b & 0x7F) << (7 * i);
        if ((b & 0x80) == 0) return n;
      }
      throw malformed("a varint longer than " + MAX_VARINT_BYTES + " bytes");
    }

    private int unsignedByte(String what) {
      if (at >= bytes.length) throw malformed("the frame ends inside the " + what);
      return bytes[at++] & 0xFF;
    }

    private Malformed malformed(String why) {
      return new Malformed(why + " (at byte " + at + ")");
    }
  }
}
