package io.limbic.projections.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
  private static DatabaseSettings postgres(String url) {
    return new DatabaseSettings(url, "u", "p", DatabaseSettings.Dialect.POSTGRES);
  }

  @Test
  void aPostgresUrlGetsThePlanPerExecutionOption() {
    assertEquals("jdbc:postgresql://h/db?" + DatabaseSettings.PLANNED_PER_EXECUTION,
        postgres("jdbc:postgresql://h/db").urlPlannedPerExecution());
    assertEquals("jdbc:postgresql://h/db?sslmode=disable&" + DatabaseSettings.PLANNED_PER_EXECUTION,
        postgres("jdbc:postgresql://h/db?sslmode=disable").urlPlannedPerExecution());
  }

  @Test
  void sessionOptionsOfItsOwnAreKeptAsGiven() {
    String own = "jdbc:postgresql://h/db?ssl=true&options=-c%20search_path%3Dx";
    assertEquals(own, postgres(own).urlPlannedPerExecution());
  }

  @Test
  void anH2UrlIsLeftAsItIs() {
    DatabaseSettings h2 = DatabaseSettings.embedded(Path.of("data"));
    assertEquals(h2.url(), h2.urlPlannedPerExecution());
  }
}
