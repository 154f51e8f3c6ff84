package io.limbic.cluster.http;

import io.limbic.protocol.http.Problem;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become HTTP: every error is an {@code application/problem+json} body. */
public final class Problems {
  public static final ContentType.WithFixedCharset PROBLEM_JSON =
      ContentTypes.create(MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8));
  /** Seconds a client should wait before retrying after a 503 or 429. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  public static HttpResponse response(Problem problem, HttpHeader... headers) {
    return HttpResponse.create()
        .withStatus(problem.status())
        .withEntity(PROBLEM_JSON, Json.bytes(problem))
        .addHeaders(java.util.List.of(headers));
  }

  public static HttpResponse badRequest(String code, String detail) {
    return response(Problem.of(400, code, "Bad request", detail));
  }

  public static HttpResponse tooLarge(String detail) {
    return response(Problem.of(413, "too_large", "Payload too large", detail));
  }

  public static HttpResponse notFound(String detail) {
    return response(Problem.of(404, "not_found", "Not found", detail));
  }

  public static HttpResponse conflict(String detail) {
    return response(Problem.of(409, "conflict", "Conflict", detail));
  }

  public static HttpResponse unavailable(String detail) {
    return response(
        Problem.of(503, "unavailable", "Service unavailable", detail),
        RawHeader.create("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
  }

  /**
   * 503 {@code database_unavailable}: the database is unreachable (README "Database outages and node crashes"),
   * answered at once; the node closes its breaker within about a second of the database's return.
   */
  public static HttpResponse databaseUnavailable() {
    return response(
        Problem.of(503, "database_unavailable", "Service unavailable",
            "the database is unreachable; nothing of this request was stored; retry later"),
        RawHeader.create("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
  }

  /** 429: a bound named by {@code code} is full; retrying is useful after {@code retryAfterSeconds}. */
  public static HttpResponse tooManyRequests(String code, String detail, int retryAfterSeconds) {
    return response(
        Problem.of(429, code, "Too many requests", detail),
        RawHeader.create("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  public static HttpResponse unauthorized(String detail) {
    return response(
        Problem.of(401, "unauthorized", "Unauthorized", detail), RawHeader.create("WWW-Authenticate", "Bearer"));
  }

  /** The user was erased (README "Erasing and exporting a person"): the id takes no more data. */
  public static HttpResponse erased() {
    return response(Problem.of(410, io.limbic.protocol.user.UserCommand.ERASED, "Gone",
        "this user was erased; the id takes no more data"));
  }

  /** What a failed future or a thrown exception means to the client. */
  public static HttpResponse forFailure(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof EntityStreamSizeException e) {
      return tooLarge("the body exceeds the limit of " + e.limit() + " bytes");
    }
    if (cause instanceof TimeoutException) {
      return unavailable("the entity did not answer in time; retry later");
    }
    if (isErased(cause)) return erased();
    log.error("Unexpected failure while serving a request", cause);
    return response(Problem.of(500, "internal", "Internal server error", "an unexpected error was logged"));
  }

  /** Whether an entity refused because the person was erased (a user, their session or their anonymous id). */
  public static boolean isErased(Throwable failure) {
    return unwrap(failure) instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage e
        && io.limbic.protocol.user.UserCommand.ERASED.equals(e.getMessage());
  }

  public static ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder()
        .match(Throwable.class, e -> Directives.complete(forFailure(e)))
        .build();
  }

  /** Pekko's own rejection answers (404, 405, ...), re-dressed as problems. */
  public static RejectionHandler rejectionHandler() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(Problems::asProblem);
  }

  private static HttpResponse asProblem(HttpResponse response) {
    if (response.entity().getContentType().equals(PROBLEM_JSON)) return response;
    int status = response.status().intValue();
    String detail =
        status == 404 ? "no such resource" : response.status().reason().toLowerCase(java.util.Locale.ROOT);
    if (response.entity() instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict) {
      String text = strict.getData().utf8String();
      if (!text.isBlank()) detail = text;
    }
    Problem problem =
        Problem.of(status, "http_" + status, response.status().reason(), detail);
    return response.withEntity(PROBLEM_JSON, Json.bytes(problem));
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
