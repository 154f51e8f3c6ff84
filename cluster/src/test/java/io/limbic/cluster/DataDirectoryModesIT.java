package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.ApiClient;
import io.limbic.cluster.testkit.TestNode;
import io.limbic.cluster.files.OwnerOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Defect 8 of issue 7: the embedded start keeps its secrets to its own user. A node on a fresh data directory (the
 * embedded H2 and a generated key) leaves the directory 0700, the key file and every H2 file 0600, even in a JVM
 * whose umask would make them world-readable; a directory that was wider is narrowed.
 */
class DataDirectoryModesIT {

  @Test
  void theDataDirectoryTheKeyAndTheDatabaseAreOwnerOnly() throws Exception {
    Path parent = Files.createTempDirectory("limbic-modes-");
    Path dataDir = parent.resolve("data");
    LimbicNode node = start(dataDir);
    try {
      ApiClient api = new ApiClient(node.httpPort(), node.defaultKey().orElseThrow().key());
      assertEquals(200, api.post("/v1/heartbeat", "{\"userId\":\"alice\"}").status());
      assertModes(dataDir);
    } finally {
      node.stop();
    }
    assertModes(dataDir);

    // A directory an older version (or an operator) left wide open is narrowed on the next start.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dataDir.resolve("api-key"), PosixFilePermissions.fromString("rw-r--r--"));
    LimbicNode again = start(dataDir);
    try {
      assertFalse(again.defaultKey().orElseThrow().created(), "the key is kept");
      assertModes(dataDir);
    } finally {
      again.stop();
    }
  }

  private static LimbicNode start(Path dataDir) throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("limbic.data-dir", dataDir.toString());
    settings.put("limbic.db.url", "");
    settings.put("limbic.api-keys", "");
    return TestNode.start(settings);
  }

  private static void assertModes(Path dataDir) throws Exception {
    assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(dataDir), "the data directory is 0700");
    assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(dataDir.resolve("api-key")), "the key file is 0600");
    List<Path> databaseFiles;
    try (Stream<Path> files = Files.list(dataDir)) {
      databaseFiles = files.filter(f -> f.getFileName().toString().endsWith(".db")).toList();
    }
    assertTrue(databaseFiles.contains(dataDir.resolve("limbic.mv.db")), "H2 wrote its file: " + databaseFiles);
    for (Path file : databaseFiles) {
      assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(file), file + " is 0600");
    }
  }
}
