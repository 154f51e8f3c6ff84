package io.limbic.projections.http;

import io.limbic.protocol.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * API keys and the tenant each belongs to. Only SHA-256 digests are held; a presented key is compared with every
 * configured one in constant time, so neither timing nor early exit tells how close a guess was.
 */
public final class ApiKeys {
  public static final String DEFAULT_TENANT = "default";
  static final String KEY_FILE = "api-key";
  private static final int MIN_KEY_LENGTH = 16;

  private record Entry(String tenant, byte[] digest) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Parses {@code tenant:key[,tenant:key...]}. */
  public static ApiKeys parse(String spec) {
    List<Entry> entries = new ArrayList<>();
    for (String pair : spec.split(",")) {
      String trimmed = pair.trim();
      if (trimmed.isEmpty()) continue;
      int colon = trimmed.indexOf(':');
      if (colon <= 0) throw new IllegalArgumentException("an API key entry must be tenant:key");
      String tenant = trimmed.substring(0, colon);
      String key = trimmed.substring(colon + 1);
      if (!Ids.isValidTenant(tenant)) {
        throw new IllegalArgumentException("invalid tenant in API keys: " + tenant);
      }
      if (key.length() < MIN_KEY_LENGTH) {
        throw new IllegalArgumentException("API keys must be at least " + MIN_KEY_LENGTH + " characters");
      }
      entries.add(new Entry(tenant, digest(key)));
    }
    return new ApiKeys(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The tenant the key belongs to, if any. Takes the same time whichever entry matches. */
  public Optional<String> tenantOf(String presentedKey) {
    byte[] presented = digest(presentedKey);
    String match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), presented) && match == null) match = entry.tenant();
    }
    return Optional.ofNullable(match);
  }

  /** The embedded default's key for tenant "default": read from the data directory, or generated there. */
  public static String loadOrGenerateDefault(Path dataDir) throws IOException {
    Path file = dataDir.resolve(KEY_FILE);
    if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).trim();
    Files.createDirectories(dataDir);
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = "lk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the directory's permissions apply
    }
    return key;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
