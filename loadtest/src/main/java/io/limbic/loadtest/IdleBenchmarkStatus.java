package io.limbic.loadtest;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * One reading of {@code GET /v1/scheduler/status}: the benchmark tenant's figures over the cluster, per phase the
 * governors' counters (totals since the nodes started, or since the tenant last had no work for an hour) and the
 * due-to-start lag percentiles. Read by scanning for the fields, like the other acks of this module, so that the
 * generator needs no JSON library.
 *
 * @param nanos when the reading was taken, on the generator's {@link System#nanoTime()}
 */
record IdleBenchmarkStatus(long nanos, List<Phase> phases) {

  record Phase(int phase, String name, long queued, long running, long completed, long halted, long refused,
      long failed, double lagP50Ms, double lagP99Ms) {}

  long completed(int phase) {
    return phases.get(phase - 1).completed();
  }

  long queued(int phase) {
    return phases.get(phase - 1).queued();
  }

  long totalCompleted() {
    return phases.stream().mapToLong(Phase::completed).sum();
  }

  /** A reading; throws when the node answers anything but 200 with phases. */
  static IdleBenchmarkStatus read(HttpRequest request) throws IOException {
    HttpResponse<String> response = LoadHttp.send(request);
    long at = System.nanoTime();
    String body = response.body();
    if (response.statusCode() != 200) {
      throw new IOException("scheduler status " + response.statusCode() + ": " + body);
    }
    return new IdleBenchmarkStatus(at, parse(body));
  }

  static List<Phase> parse(String body) throws IOException {
    int open = body.indexOf("\"phases\":[");
    if (open < 0) throw new IOException("no phases in " + body);
    int end = body.indexOf(']', open);
    List<Phase> phases = new ArrayList<>();
    for (int from = body.indexOf('{', open); from >= 0 && from < end; from = body.indexOf('{', from + 1)) {
      String o = body.substring(from, body.indexOf('}', from));
      phases.add(new Phase((int) number(o, "phase"), text(o, "name"), (long) number(o, "queued"),
          (long) number(o, "running"), (long) number(o, "completed"), (long) number(o, "halted"),
          (long) number(o, "refused"), (long) number(o, "failed"), number(o, "lagP50Ms"), number(o, "lagP99Ms")));
    }
    return List.copyOf(phases);
  }

  private static double number(String object, String field) throws IOException {
    String name = "\"" + field + "\":";
    int at = object.indexOf(name);
    if (at < 0) throw new IOException("no " + field + " in " + object);
    int from = at + name.length();
    int to = from;
    while (to < object.length() && "+-.0123456789eE".indexOf(object.charAt(to)) >= 0) to++;
    return Double.parseDouble(object.substring(from, to));
  }

  private static String text(String object, String field) {
    String name = "\"" + field + "\":\"";
    int at = object.indexOf(name);
    if (at < 0) return "?";
    int from = at + name.length();
    return object.substring(from, object.indexOf('"', from));
  }
}
