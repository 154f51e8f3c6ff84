package io.limbic.cluster.http;

import io.limbic.protocol.http.Problem;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests too malformed to reach a route (an illegal request target, broken header lines), configured as
 * {@code pekko.http.server.parsing.error-handler}. pekko-http's own handler logs the offending input, which can be
 * a {@code GET /v1/stream?access_token=<key>} line or an Authorization header; this one logs only the kind of error
 * (the text before the parser's first colon, which is where quoted input begins) and never the request's bytes.
 * The client gets a problem body with the parser's summary of what it sent.
 */
public final class MalformedRequests extends ParsingErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(MalformedRequests.class);

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter ignored, ServerSettings settings) {
    log.warn("Malformed request answered {}: {}", status.intValue(), kindOf(info.summary()));
    return Problems.response(Problem.of(status.intValue(), "malformed_request", status.reason(), info.summary()));
  }

  /** "Illegal request-target: Invalid input '|' ..." becomes "Illegal request-target". */
  static String kindOf(String summary) {
    int colon = summary.indexOf(':');
    String kind = colon < 0 ? summary : summary.substring(0, colon);
    return kind.isBlank() ? "unparsable request" : kind;
  }
}
