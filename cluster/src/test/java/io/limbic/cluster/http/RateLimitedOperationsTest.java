package io.limbic.cluster.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limbic.cluster.testkit.OpenApi;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every operation behind the rate limits ({@link ApiDirectives#withinRate}: the authenticated {@code /v1} API, the
 * WebSocket, PostHog's and Segment's capture) documents its 429 with {@code Retry-After}, so a client generated
 * from {@code openapi.json} knows to back off. The one exception is the acknowledgement link's page, which carries
 * its own signed token and no key to count against.
 */
class RateLimitedOperationsTest {
  private static final Set<String> CAPTURE = Set.of("/batch/", "/e/", "/i/v0/e/", "/capture/");
  private static final Set<String> UNLIMITED = Set.of("GET /v1/incidents/{id}/ack");

  @Test
  void everyRateLimitedOperationDocumentsItsTooManyRequests() {
    List<String> missing = OpenApi.get().operations().stream()
        .filter(op -> limited(op.method(), op.template()))
        .filter(op -> !op.node().path("responses").path("429").path("$ref").asText()
            .equals("#/components/responses/TooManyRequests"))
        .map(OpenApi.Operation::toString)
        .toList();
    assertEquals(List.of(), missing, "operations under the rate limits without the shared 429");
  }

  @Test
  void theSharedTooManyRequestsCarriesRetryAfter() {
    var response = OpenApi.get().spec().at("/components/responses/TooManyRequests");
    assertEquals("integer", response.at("/headers/Retry-After/schema/type").asText(), response.toString());
    assertTrue(response.at("/content/application~1problem+json/schema/$ref").asText().endsWith("/Problem"));
  }

  private static boolean limited(String method, String template) {
    if (UNLIMITED.contains(method.toUpperCase() + " " + template)) return false;
    return template.startsWith("/v1/") || template.startsWith("/segment/v1/") || CAPTURE.contains(template);
  }
}
