package io.limbic.loadtest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one telemetry batch being written, reused from batch to batch. Everything
 * the benchmark sends is ASCII, so bytes and chars coincide; numbers are written as digits without formatting.
 */
final class BatchBytes {
  private byte[] bytes = new byte[4096];
  private int length;

  void clear() {
    length = 0;
  }

  int length() {
    return length;
  }

  byte[] array() {
    return bytes;
  }

  BatchBytes append(byte[] part) {
    ensure(part.length);
    System.arraycopy(part, 0, bytes, length, part.length);
    length += part.length;
    return this;
  }

  BatchBytes append(BatchBytes other) {
    ensure(other.length);
    System.arraycopy(other.bytes, 0, bytes, length, other.length);
    length += other.length;
    return this;
  }

  BatchBytes append(char ascii) {
    ensure(1);
    bytes[length++] = (byte) ascii;
    return this;
  }

  /** Appends one raw byte (the low 8 bits of {@code b}), for binary framing. */
  BatchBytes appendByte(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
    return this;
  }

  /** Appends a non-negative number in decimal. */
  BatchBytes append(long value) {
    if (value < 0) throw new IllegalArgumentException("negative: " + value);
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) digits++;
    ensure(digits);
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
    return this;
  }

  /** The bytes as a String: Latin-1 strings are stored one byte a char, so this is a plain copy. */
  String text() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
  }
}
