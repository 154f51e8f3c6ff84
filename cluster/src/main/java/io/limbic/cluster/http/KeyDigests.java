package io.limbic.cluster.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A table of keys held only as SHA-256 digests, each with what it grants. A presented key is compared with every
 * entry in constant time, so neither timing nor early exit tells how close a guess was. Secret API keys and
 * publishable keys share it; they differ only in what an entry grants.
 */
final class KeyDigests<T> {
  static final int MIN_KEY_LENGTH = 16;
  /**
   * RFC 7235 token68: the only characters a Bearer credential may hold. Anything else makes pekko-http reject the
   * Authorization header as unparsable (and a proxy or log may split or quote it), so such keys are refused at start.
   */
  private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

  private record Entry<T>(byte[] digest, T grant) {}

  private final List<Entry<T>> entries = new ArrayList<>();

  /**
   * Adds a key after checking its length and syntax; {@code owner} names the entry in the message (never the key,
   * since the message ends up in a log).
   */
  void add(String what, String owner, String key, T grant) {
    if (key.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "the " + what + " of tenant '" + owner + "' is shorter than " + MIN_KEY_LENGTH + " characters");
    }
    if (!isToken68(key)) {
      throw new IllegalArgumentException(
          "the " + what + " of tenant '" + owner + "' is not token68 (RFC 7235): only A-Z a-z 0-9 . _ ~ + / -,"
              + " then optional = padding");
    }
    entries.add(new Entry<>(digest(key), grant));
  }

  /** Adds a key known only by its digest ({@link #hexDigest}), as stored keys are. */
  void addDigest(String hexDigest, T grant) {
    entries.add(new Entry<>(HexFormat.of().parseHex(hexDigest), grant));
  }

  /** The digest a stored key is kept as: SHA-256 of its UTF-8 bytes, in lower-case hex. */
  static String hexDigest(String key) {
    return HexFormat.of().formatHex(digest(key));
  }

  KeyDigests<T> copy() {
    KeyDigests<T> copy = new KeyDigests<>();
    copy.entries.addAll(entries);
    return copy;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** What the key grants, if it is one. Takes the same time whichever entry matches. */
  Optional<T> find(String presentedKey) {
    byte[] presented = digest(presentedKey);
    T match = null;
    for (Entry<T> entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), presented) && match == null) match = entry.grant();
    }
    return Optional.ofNullable(match);
  }

  /** What the first key whose hex digest starts with {@code hexPrefix} grants (a key named by a digest prefix). */
  Optional<T> findByDigestPrefix(String hexPrefix) {
    for (Entry<T> entry : entries) {
      if (HexFormat.of().formatHex(entry.digest()).startsWith(hexPrefix)) return Optional.of(entry.grant());
    }
    return Optional.empty();
  }

  static boolean isToken68(String key) {
    return TOKEN68.matcher(key).matches();
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
