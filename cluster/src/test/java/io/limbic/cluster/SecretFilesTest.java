package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir Path dir;

  @Test
  void aMountedFileStandsForItsVariableWithoutTheFinalLineBreak() throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "pass word\twith tab\n");
    Path keys = Files.writeString(dir.resolve("keys"), "acme:acme-file-key-0123456789:read\r\n");
    var config = NodeConfig.load(ConfigFactory.empty(), Map.of(
        "LIMBIC_DB_PASSWORD_FILE", password.toString(), "LIMBIC_API_KEYS_FILE", keys.toString()));
    assertEquals("pass word\twith tab", config.getString("limbic.db.password"));
    assertEquals("acme:acme-file-key-0123456789:read", config.getString("limbic.api-keys"));
  }

  @Test
  void theVariableAndItsFileTogetherAreRefusedWithoutShowingEither() throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "from-the-file");
    var refused = assertThrows(IllegalArgumentException.class, () -> SecretFiles.from(Map.of(
        "LIMBIC_DB_PASSWORD", "from-the-environment", "LIMBIC_DB_PASSWORD_FILE", password.toString())));
    assertEquals("set either LIMBIC_DB_PASSWORD or LIMBIC_DB_PASSWORD_FILE, not both", refused.getMessage());
  }

  @Test
  void anUnreadableFileIsNamedAndStopsTheStart() {
    var refused = assertThrows(IllegalArgumentException.class, () -> SecretFiles.from(Map.of(
        "LIMBIC_ESCALATION_ACK_SECRET_FILE", dir.resolve("absent").toString())));
    assertTrue(refused.getMessage().startsWith("LIMBIC_ESCALATION_ACK_SECRET_FILE names a file that cannot be read"));
  }

  @Test
  void otherVariablesAreLeftAlone() {
    var config = SecretFiles.from(Map.of("LIMBIC_FILE", "/x", "OTHER_SECRET_FILE", "/y", "LIMBIC_HTTP_PORT", "1"));
    assertTrue(config.isEmpty());
    assertFalse(config.hasPath("LIMBIC_HTTP_PORT"));
  }
}
