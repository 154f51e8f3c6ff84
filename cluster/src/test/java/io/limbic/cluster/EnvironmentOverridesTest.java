package io.limbic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that change per environment have a variable (README "Configuration"). The variables are given as
 * {@code LIMBIC_<NAME>_FILE}, which stands for {@code LIMBIC_<NAME>} exactly as the environment would.
 */
class EnvironmentOverridesTest {
  @TempDir Path dir;

  private Config withVariables(Map<String, String> variables) throws IOException {
    Map<String, String> environment = new HashMap<>();
    for (var variable : variables.entrySet()) {
      Path file = Files.writeString(dir.resolve(variable.getKey()), variable.getValue());
      environment.put(variable.getKey() + "_FILE", file.toString());
    }
    return NodeConfig.load(ConfigFactory.empty(), environment);
  }

  @Test
  void theTracingExportTimeoutHasAVariable() throws IOException {
    Config config = withVariables(Map.of("LIMBIC_OTEL_EXPORT_TIMEOUT", "3s"));
    assertEquals(Duration.ofSeconds(3), config.getDuration("limbic.tracing.export-timeout"));
  }

  @Test
  void theJournalAndSnapshotBreakersHaveVariables() throws IOException {
    Config config = withVariables(Map.of(
        "LIMBIC_JOURNAL_BREAKER_MAX_FAILURES", "7",
        "LIMBIC_JOURNAL_BREAKER_CALL_TIMEOUT", "4s",
        "LIMBIC_JOURNAL_BREAKER_RESET", "2s",
        "LIMBIC_SNAPSHOT_BREAKER_MAX_FAILURES", "3",
        "LIMBIC_SNAPSHOT_BREAKER_CALL_TIMEOUT", "6s",
        "LIMBIC_SNAPSHOT_BREAKER_RESET", "5s"));
    assertEquals(7, config.getInt("jdbc-journal.circuit-breaker.max-failures"));
    assertEquals(Duration.ofSeconds(4), config.getDuration("jdbc-journal.circuit-breaker.call-timeout"));
    assertEquals(Duration.ofSeconds(2), config.getDuration("jdbc-journal.circuit-breaker.reset-timeout"));
    assertEquals(3, config.getInt("jdbc-snapshot-store.circuit-breaker.max-failures"));
    assertEquals(Duration.ofSeconds(6), config.getDuration("jdbc-snapshot-store.circuit-breaker.call-timeout"));
    assertEquals(Duration.ofSeconds(5), config.getDuration("jdbc-snapshot-store.circuit-breaker.reset-timeout"));
  }

  @Test
  void theSharedBreakerResetStillSetsBoth() throws IOException {
    Config config = withVariables(Map.of("LIMBIC_DB_BREAKER_RESET", "8s"));
    assertEquals(Duration.ofSeconds(8), config.getDuration("jdbc-journal.circuit-breaker.reset-timeout"));
    assertEquals(Duration.ofSeconds(8), config.getDuration("jdbc-snapshot-store.circuit-breaker.reset-timeout"));
  }
}
