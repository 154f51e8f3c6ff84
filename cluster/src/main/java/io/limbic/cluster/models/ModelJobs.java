package io.limbic.cluster.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.limbic.analytics.kpi.Progress;
import io.limbic.cluster.http.Json;
import io.limbic.projections.jobs.JobWork;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The jobs {@code estimate}, {@code simulate} and {@code recommend}: the request JSON a route accepted, run through
 * the same parsing and {@link ModelService} as a direct answer, and the same response body as the job's result.
 * A request that turns out wrong (or names a version that does not exist) fails the job with the message.
 */
public final class ModelJobs {
  public static final String ESTIMATE = "estimate";
  public static final String SIMULATE = "simulate";
  public static final String RECOMMEND = "recommend";

  private ModelJobs() {}

  public static List<JobWork> works(ModelService service, Clock clock) {
    return List.of(
        work(ESTIMATE, (tenant, body, progress) -> ModelJson.estimated(
            service.estimate(tenant, ModelRequests.estimate(body, service.types(), clock.instant()), progress))),
        work(SIMULATE, (tenant, body, progress) -> {
          ModelRequest.Simulate request = ModelRequests.simulate(body);
          return ModelJson.simulated(service.simulate(tenant, request, progress), request);
        }),
        work(RECOMMEND, (tenant, body, progress) -> {
          ModelRequest.Recommend request = ModelRequests.recommend(body);
          return ModelJson.recommended(service.recommend(tenant, request, progress), request);
        }));
  }

  /** One model computation from a parsed body to a response body. */
  @FunctionalInterface
  public interface Computation {
    Map<String, Object> run(String tenant, JsonNode body, Progress progress) throws Exception;
  }

  private static JobWork work(String kind, Computation computation) {
    return new JobWork() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public String run(String tenant, String requestJson, Progress progress) throws Exception {
        JsonNode body;
        try {
          body = Json.MAPPER.readTree(requestJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalArgumentException("the job's request is not valid JSON");
        }
        return Json.MAPPER.writeValueAsString(computation.run(tenant, body, progress));
      }
    };
  }
}
