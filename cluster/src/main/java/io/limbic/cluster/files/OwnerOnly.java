package io.limbic.cluster.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only the node's own user may read: the data directory (0700) and what it holds (0600), because it keeps the
 * API key and the embedded database. On a file system without POSIX modes the directory's own rights apply.
 */
public final class OwnerOnly {
  public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);

  private OwnerOnly() {}

  /** Creates the directory (and missing parents) as 0700, or narrows an existing one to 0700. */
  public static Path directory(Path dir) throws IOException {
    if (!posix(dir.toAbsolutePath().getRoot())) return Files.createDirectories(dir);
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } catch (FileAlreadyExistsException existing) {
      if (!Files.isDirectory(dir)) throw existing;
    }
    // createDirectory's mode is narrowed by the umask, never widened; an existing directory may be wider.
    narrow(dir, DIRECTORY);
    return dir;
  }

  /** Sets 0600 on every regular file directly in {@code dir} (files that others, like H2, created there). */
  public static void restrictFilesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir) || !posix(dir)) return;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) narrow(file, FILE);
    }
  }

  /**
   * Writes {@code content} to {@code file} so that it never exists with wider rights than 0600 and is never seen
   * half written: a temporary file created 0600 in the same directory, then an atomic rename.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    FileAttribute<?>[] mode =
        posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", mode);
    try {
      Files.write(temporary, content);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Sets the mode; one we may not change (another user's mount, say) is reported, not fatal. */
  private static void narrow(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (Files.getPosixFilePermissions(path).equals(mode)) return;
    try {
      Files.setPosixFilePermissions(path, mode);
    } catch (FileSystemException notOurs) {
      log.warn("Could not restrict {} to {}: {}", path, PosixFilePermissions.toString(mode), notOurs.getMessage());
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
