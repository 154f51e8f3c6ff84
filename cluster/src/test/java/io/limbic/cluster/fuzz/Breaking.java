package io.limbic.cluster.fuzz;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One way to make a field invalid: {@code literal} is the JSON text put in its place, or null to remove the field.
 * {@code label} names the class of input (it groups findings), the literal is the example.
 */
record Breaking(String label, String literal) {
  static final String TEN_TO_999 = "1" + "0".repeat(999);
  static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
  static final BigInteger TWO_TO_32 = BigInteger.ONE.shiftLeft(32);

  static Breaking removed() {
    return new Breaking("field removed", null);
  }

  static Breaking of(String label, String literal) {
    return new Breaking(label, literal);
  }

  boolean removes() {
    return literal == null;
  }

  /** Values of the wrong JSON type for a field that holds a string. */
  static List<Breaking> notAString() {
    return List.of(
        of("number instead of string", "1"),
        of("-0 instead of string", "-0"),
        of("1e400 instead of string", "1e400"),
        of("10^999 instead of string", TEN_TO_999),
        of("boolean instead of string", "true"),
        of("array instead of string", "[\"x\"]"),
        of("empty array instead of string", "[]"),
        of("object instead of string", "{\"a\":\"x\"}"));
  }

  /** Values of the wrong JSON type for a field that holds a number. */
  static List<Breaking> notANumber(long valid) {
    return List.of(
        of("numeric string instead of number", JsonText.str(Long.toString(valid))),
        of("string 1e400 instead of number", "\"1e400\""),
        of("boolean instead of number", "false"),
        of("array instead of number", "[" + valid + "]"),
        of("object instead of number", "{\"value\":" + valid + "}"));
  }

  /** Numbers no field accepts: non-finite after parsing, or beyond every integer type. */
  static List<Breaking> hugeNumbers() {
    return List.of(
        of("non-finite 1e400", "1e400"),
        of("non-finite -1e400", "-1e400"),
        of("non-finite 1E+99999", "1E+99999"),
        of("integer 10^999", TEN_TO_999),
        of("integer -10^999", "-" + TEN_TO_999),
        of("integer 2^63", "9223372036854775808"),
        of("integer over the number length limit", "9".repeat(1500)));
  }

  /** Integers that wrap around to {@code valid} when read as a long (2^64 + valid) or an int (2^32 + valid). */
  static List<Breaking> wrapping(long valid) {
    List<Breaking> out = new ArrayList<>();
    out.add(of("integer 2^64+" + valid + " (wraps to " + valid + ")", TWO_TO_64.add(BigInteger.valueOf(valid)).toString()));
    out.add(of("integer 2^32+" + valid + " (wraps to " + valid + " as int)", TWO_TO_32.add(BigInteger.valueOf(valid)).toString()));
    return out;
  }
}
