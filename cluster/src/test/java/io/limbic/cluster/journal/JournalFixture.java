package io.limbic.cluster.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * A journal row as the store keeps it: the serializer's id, its manifest and the payload bytes. A fixture file
 * holds one, as comment lines ({@code # serializer: 33}, {@code # manifest: ...}) followed by the payload in hex.
 */
record JournalFixture(String name, int serializerId, String manifest, byte[] bytes) {
  private static final String SERIALIZER = "# serializer: ";
  private static final String MANIFEST = "# manifest: ";

  /** The file name a fixture of this manifest gets: the simple class name and the version, e.g. {@code X-v2.hex}. */
  static String fileName(String manifest, String variant) {
    int hash = manifest.indexOf('#');
    String className = hash < 0 ? manifest : manifest.substring(0, hash);
    String version = hash < 0 ? "1" : manifest.substring(hash + 1);
    String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    return simple + (variant == null ? "" : "-" + variant) + "-v" + version + ".hex";
  }

  /** The part of the name between the class and the version, or null. */
  String variant() {
    String stem = name.substring(0, name.lastIndexOf("-v"));
    String simple = className().substring(className().lastIndexOf('.') + 1).replace('$', '.');
    return stem.length() > simple.length() ? stem.substring(simple.length() + 1) : null;
  }

  String className() {
    int hash = manifest.indexOf('#');
    return hash < 0 ? manifest : manifest.substring(0, hash);
  }

  int version() {
    int hash = manifest.indexOf('#');
    return hash < 0 ? 1 : Integer.parseInt(manifest.substring(hash + 1));
  }

  static JournalFixture read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      Integer serializer = null;
      String manifest = null;
      StringBuilder hex = new StringBuilder();
      for (String line : lines) {
        if (line.startsWith(SERIALIZER)) serializer = Integer.parseInt(line.substring(SERIALIZER.length()).strip());
        else if (line.startsWith(MANIFEST)) manifest = line.substring(MANIFEST.length()).strip();
        else if (!line.startsWith("#")) hex.append(line.strip());
      }
      if (serializer == null || manifest == null) {
        throw new IllegalStateException(file + ": no '" + SERIALIZER + "' or '" + MANIFEST + "' line");
      }
      return new JournalFixture(file.getFileName().toString(), serializer, manifest,
          HexFormat.of().parseHex(hex.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(Path dir, String description) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("# ").append(description).append('\n');
    text.append(SERIALIZER).append(serializerId).append('\n');
    text.append(MANIFEST).append(manifest).append('\n');
    String hex = HexFormat.of().formatHex(bytes);
    for (int i = 0; i < hex.length(); i += 120) text.append(hex, i, Math.min(hex.length(), i + 120)).append('\n');
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
