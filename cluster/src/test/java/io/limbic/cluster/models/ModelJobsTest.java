package io.limbic.cluster.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.limbic.analytics.kpi.Progress;
import io.limbic.cluster.http.Json;
import io.limbic.projections.db.ConnectionPools;
import io.limbic.projections.db.DatabaseSettings;
import io.limbic.projections.db.Migrations;
import io.limbic.projections.jobs.JobWork;
import io.limbic.projections.kpi.ModelVersionRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The jobs run the same parsing and computation as the direct routes, and refuse wrong requests as such. */
class ModelJobsTest {
  static final String MODEL = "{\"type\":\"local_level\",\"states\":1,\"kpis\":[\"sessions\"]}";

  @Test
  void jobsEstimateThenSimulateTheLatestVersion() throws Exception {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    DatabaseSettings settings = new DatabaseSettings(url, "sa", "", DatabaseSettings.Dialect.H2);
    try (HikariDataSource db = ConnectionPools.create(settings, "test", 2)) {
      Migrations.migrate(db, settings.dialect());
      ModelService service = new ModelService(TestModels.components(null), new ModelVersionRepository(db),
          Clock.systemUTC());
      Map<String, JobWork> works =
          ModelJobs.works(service, Clock.systemUTC()).stream().collect(Collectors.toMap(JobWork::kind, Function.identity()));
      assertEquals(Set.of("estimate", "simulate", "recommend"), works.keySet());

      String estimate = "{\"segment\":\"s\",\"model\":" + MODEL + ",\"data\":{\"y\":[[1],[2],[2.5],[4]]}}";
      JsonNode first = Json.MAPPER.readTree(works.get("estimate").run("acme", estimate, Progress.NONE));
      JsonNode second = Json.MAPPER.readTree(works.get("estimate").run("acme", estimate, Progress.NONE));
      assertEquals(1, first.get("version").asInt());
      assertEquals(2, second.get("version").asInt());
      assertEquals("1970-01-01T00:00:00Z", first.get("from").asText(), "inline data without periods starts at day 0");

      JsonNode simulated = Json.MAPPER.readTree(works.get("simulate").run("acme",
          "{\"segment\":\"s\",\"model\":\"local_level\",\"horizonDays\":2}", Progress.NONE));
      assertEquals(2, simulated.get("version").asInt());
      assertEquals(2, simulated.get("kpis").get("sessions").get("mean").size());
      assertEquals("1970-01-05T00:00:00Z", simulated.get("periodStarts").get(0).asText());

      assertThrows(InvalidModelRequest.class, () -> works.get("simulate").run("acme",
          "{\"segment\":\"s\",\"model\":\"local_level\",\"horizonDays\":-1}", Progress.NONE));
      assertThrows(VersionNotFound.class, () -> works.get("recommend").run("acme",
          "{\"segment\":\"t\",\"target\":{\"kpi\":\"sessions\"},\"horizonDays\":2,\"constraints\":{\"min\":[],"
              + "\"max\":[]}}", Progress.NONE));
      assertThrows(IllegalArgumentException.class, () -> works.get("estimate").run("acme", "{", Progress.NONE));
    }
  }
}
