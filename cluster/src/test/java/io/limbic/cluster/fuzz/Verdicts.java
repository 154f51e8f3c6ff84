package io.limbic.cluster.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** What is wrong with an answer to a fuzz request, if anything. */
final class Verdicts {
  static final String SERVER_ERROR = "5xx";
  static final String NO_ANSWER = "no-answer";
  static final String NOT_A_PROBLEM = "not-problem";
  static final String WRONG_STATUS = "wrong-status";
  static final String ACCEPTED = "accepted";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Verdicts() {}

  static List<String> of(FuzzRequest request, RawHttp.Answer answer) {
    List<String> problems = new ArrayList<>();
    int status = answer.status();
    Expect expect = request.expect();
    if (status == 0) {
      if (!expect.mayAbort()) problems.add(NO_ANSWER);
      return problems;
    }
    if (status >= 500) problems.add(SERVER_ERROR);
    if (status >= 400 && !request.management() && !request.method().equals("HEAD") && !isProblem(answer, status)) {
      problems.add(NOT_A_PROBLEM);
    }
    switch (expect.kind()) {
      case STATUS -> {
        if (status < 500 && !expect.statuses().contains(status)) problems.add(WRONG_STATUS);
      }
      case REJECTED -> {
        if (status == 101 || (status >= 300 && status < 400)) problems.add(WRONG_STATUS);
        else if (status < 300 && !acceptedNothing(answer.body())) problems.add(ACCEPTED);
      }
      case READ -> {
        // any answer below 500
      }
    }
    return problems;
  }

  /** {@code application/problem+json} with type, title, status (the answer's) and detail. */
  static boolean isProblem(RawHttp.Answer answer, int status) {
    String type = answer.header("content-type");
    if (type == null || !type.startsWith("application/problem+json")) return false;
    JsonNode body = parse(answer.body());
    return body != null && body.isObject() && body.path("type").isTextual() && body.path("title").isTextual()
        && body.path("status").isInt() && body.path("status").asInt() == status && body.path("detail").isTextual();
  }

  /** A batch answer (heartbeats, events, interactions, telemetry) that took none of the items. */
  static boolean acceptedNothing(String body) {
    JsonNode json = parse(body);
    return json != null && json.path("accepted").isInt() && json.path("accepted").asInt() == 0;
  }

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }
}
