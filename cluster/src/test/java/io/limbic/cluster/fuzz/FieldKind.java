package io.limbic.cluster.fuzz;

import java.util.ArrayList;
import java.util.List;

/** What a field holds, as far as breaking it goes: each kind lists values its rule refuses. */
interface FieldKind {
  List<Breaking> breaking();

  static FieldKind id() {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("id empty", "\"\""),
          Breaking.of("id of 129 characters", JsonText.str("a".repeat(129))),
          Breaking.of("id of 10,000 characters", JsonText.str("b".repeat(10_000))),
          Breaking.of("id with a space", JsonText.str("has space")),
          Breaking.of("id with unicode", JsonText.str("ünïcødé")),
          Breaking.of("id with an emoji", JsonText.str("u\uD83D\uDE00")),
          Breaking.of("id with a NUL character", JsonText.str("a\u0000b")),
          Breaking.of("id with a newline", JsonText.str("a\nb")),
          Breaking.of("id with a right-to-left override", JsonText.str("a\u202Eb")),
          Breaking.of("id with a zero-width space", JsonText.str("a\u200Bb")),
          Breaking.of("id with a slash", JsonText.str("../etc")),
          Breaking.of("id with a tilde", JsonText.str("a~b~c")),
          Breaking.of("id with a percent escape", JsonText.str("a%20b"))));
      out.addAll(Breaking.notAString());
      return out;
    };
  }

  /** An ISO-8601 instant with offset, not in the far past nor more than 5 minutes ahead. */
  static FieldKind time() {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("timestamp malformed", JsonText.str("yesterday")),
          Breaking.of("timestamp empty", "\"\""),
          Breaking.of("timestamp month 13", JsonText.str("2026-13-01T00:00:00Z")),
          Breaking.of("timestamp February 30", JsonText.str("2026-02-30T00:00:00Z")),
          Breaking.of("timestamp hour 25", JsonText.str("2026-01-01T25:00:00Z")),
          Breaking.of("timestamp without offset", JsonText.str("2026-01-01T00:00:00")),
          Breaking.of("timestamp date only", JsonText.str("2026-01-01")),
          Breaking.of("timestamp offset +25:00", JsonText.str("2026-01-01T00:00:00+25:00")),
          Breaking.of("timestamp far future", JsonText.str("9999-12-31T23:59:59Z")),
          Breaking.of("timestamp far future (max year)", JsonText.str("+999999999-12-31T23:59:59Z")),
          Breaking.of("timestamp next century", JsonText.str("2999-01-01T00:00:00+18:00")),
          Breaking.of("timestamp far past (year 1)", JsonText.str("0001-01-01T00:00:00Z")),
          Breaking.of("timestamp far past (min year)", JsonText.str("-999999999-01-01T00:00:00Z")),
          Breaking.of("timestamp far past (1900)", JsonText.str("1900-01-01T00:00:00Z")),
          Breaking.of("timestamp far past (year 1000)", JsonText.str("1000-06-15T12:00:00+05:30")),
          Breaking.of("timestamp as epoch milliseconds", "1767225600000")));
      out.addAll(Breaking.notAString());
      return out;
    };
  }

  /** A whole number in lo..hi, read leniently (any JSON integer). {@code valid} is in range. */
  static FieldKind integer(long lo, long hi, long valid) {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("integer below the range", Long.toString(lo - 1)),
          Breaking.of("integer above the range", Long.toString(hi + 1)),
          Breaking.of("fraction where an integer is expected", valid + ".5"),
          Breaking.of("1e-400 where an integer is expected", "1e-400")));
      if (lo > 0 || hi < 0) out.add(Breaking.of("-0 outside the range", "-0"));
      out.addAll(Breaking.hugeNumbers());
      out.addAll(Breaking.wrapping(valid));
      out.addAll(Breaking.notANumber(valid));
      return out;
    };
  }

  /** A real number in lo..hi. */
  static FieldKind number(double lo, double hi, long valid) {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("number below the range", Double.toString(lo - 0.5)),
          Breaking.of("number above the range", Double.toString(hi + 0.5)),
          Breaking.of("integer 2^64+5", Breaking.TWO_TO_64.add(java.math.BigInteger.valueOf(5)).toString()),
          Breaking.of("NaN literal", "NaN"),
          Breaking.of("Infinity literal", "Infinity")));
      if (lo > 0 || hi < 0) {
        out.add(Breaking.of("-0 outside the range", "-0"));
        out.add(Breaking.of("1e-400 outside the range", "1e-400"));
      }
      out.addAll(Breaking.hugeNumbers());
      out.addAll(Breaking.notANumber(valid));
      return out;
    };
  }

  /** One of a few words. */
  static FieldKind oneOf(String... words) {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("unknown word", JsonText.str("nope")),
          Breaking.of("empty word", "\"\""),
          Breaking.of("word with a NUL character", JsonText.str(words[0] + "\u0000")),
          Breaking.of("word of 5,000 characters", JsonText.str(words[0].repeat(5000 / words[0].length())))));
      out.addAll(Breaking.notAString());
      return out;
    };
  }

  /** A string of at most {@code max} characters. */
  static FieldKind text(int max) {
    return () -> {
      List<Breaking> out = new ArrayList<>();
      out.add(Breaking.of("string over " + max + " characters", JsonText.str("t".repeat(max + 1))));
      out.addAll(Breaking.notAString().subList(0, 1));
      out.addAll(Breaking.notAString().subList(4, 8));
      return out;
    };
  }

  /** An array of at most {@code count} non-blank strings of at most {@code length} characters. */
  static FieldKind terms(int count, int length) {
    return () -> List.of(
        Breaking.of("string instead of array", JsonText.str("music")),
        Breaking.of("object instead of array", "{\"0\":\"music\"}"),
        Breaking.of("array with a number", "[\"music\",1]"),
        Breaking.of("array with null", "[null]"),
        Breaking.of("array with a blank term", "[\"\"]"),
        Breaking.of("array with a nested array", "[[\"music\"]]"),
        Breaking.of("term over " + length + " characters", "[" + JsonText.str("m".repeat(length + 1)) + "]"),
        Breaking.of("array of " + (count + 1) + " terms",
            JsonText.array(java.util.stream.IntStream.rangeClosed(0, count).mapToObj(i -> "\"term" + i + "\"").toList())),
        Breaking.of("array nested 500 deep", JsonText.nested(500, "\"music\"")));
  }

  static FieldKind email() {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("e-mail without @", JsonText.str("not-an-email")),
          Breaking.of("e-mail without domain", JsonText.str("ann@")),
          Breaking.of("e-mail without local part", JsonText.str("@example.com")),
          Breaking.of("e-mail empty", "\"\""),
          Breaking.of("e-mail over 254 characters", JsonText.str("a".repeat(300) + "@example.com"))));
      out.addAll(Breaking.notAString());
      return out;
    };
  }

  static FieldKind pattern(String... invalid) {
    return () -> {
      List<Breaking> out = new ArrayList<>();
      for (String value : invalid) out.add(Breaking.of("outside the pattern", JsonText.str(value)));
      out.addAll(Breaking.notAString());
      return out;
    };
  }

  /** {@code {"lat": -90..90, "lon": -180..180}}. */
  static FieldKind location() {
    return () -> List.of(
        Breaking.of("location as string", JsonText.str("52.5,13.4")),
        Breaking.of("location as array", "[52.5,13.4]"),
        Breaking.of("location without lon", "{\"lat\":52.5}"),
        Breaking.of("location lat as string", "{\"lat\":\"52.5\",\"lon\":13.4}"),
        Breaking.of("location lat 90.5", "{\"lat\":90.5,\"lon\":13.4}"),
        Breaking.of("location lon -180.5", "{\"lat\":52.5,\"lon\":-180.5}"),
        Breaking.of("location lat 1e400", "{\"lat\":1e400,\"lon\":13.4}"),
        Breaking.of("location lon -1e400", "{\"lat\":52.5,\"lon\":-1e400}"),
        Breaking.of("location lat 10^999", "{\"lat\":" + Breaking.TEN_TO_999 + ",\"lon\":13.4}"),
        Breaking.of("location lat 2^64+5", "{\"lat\":18446744073709551621,\"lon\":13.4}"),
        Breaking.of("location nested 2000 deep", "{\"lat\":" + JsonText.nested(2000, "1") + ",\"lon\":1}"));
  }

  /** A whole number in lo..hi read strictly: no coercion from strings or floats. */
  static FieldKind strictInteger(long lo, long hi) {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("integer below the range", Long.toString(lo - 1)),
          Breaking.of("integer above the range", Long.toString(hi + 1)),
          Breaking.of("fraction where an integer is expected", lo + ".5"),
          Breaking.of("1e-400 where an integer is expected", "1e-400"),
          Breaking.of("-0 outside the range", "-0"),
          Breaking.of("null for a number", "null")));
      out.addAll(Breaking.hugeNumbers());
      out.addAll(Breaking.wrapping(lo));
      out.addAll(Breaking.notANumber(lo));
      return out;
    };
  }

  /** A real number in (0, max] (or lo..max), read strictly. */
  static FieldKind strictPositive(double max) {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("zero", "0"),
          Breaking.of("-0", "-0"),
          Breaking.of("1e-400 (underflows to zero)", "1e-400"),
          Breaking.of("negative", "-1.5"),
          Breaking.of("above the maximum", Double.toString(max * 2)),
          Breaking.of("null for a number", "null")));
      out.addAll(Breaking.hugeNumbers());
      out.addAll(Breaking.notANumber(1));
      return out;
    };
  }

  /** ignoredTargets: at most 1,000 strings of 1..512 characters. */
  static FieldKind targets() {
    return () -> List.of(
        Breaking.of("targets as string", JsonText.str("#pay")),
        Breaking.of("targets with a blank entry", "[\" \"]"),
        Breaking.of("targets with an entry over 512 characters", "[" + JsonText.str("#".repeat(513)) + "]"),
        Breaking.of("1,001 targets", JsonText.array(java.util.stream.IntStream.range(0, 1001)
            .mapToObj(i -> JsonText.str("#t" + i)).toList())),
        Breaking.of("targets as object", "{\"a\":\"#pay\"}"));
  }

  /** identify's traits: an optional object with an optional e-mail. */
  static FieldKind traits() {
    return () -> {
      List<Breaking> out = new ArrayList<>(List.of(
          Breaking.of("traits as string", JsonText.str("ann@example.com")),
          Breaking.of("traits as array", "[]"),
          Breaking.of("traits as number", "7")));
      for (Breaking email : email().breaking()) {
        out.add(Breaking.of("traits.email: " + email.label(), "{\"email\":" + email.literal() + "}"));
      }
      return out;
    };
  }
}
