package io.limbic.cluster.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the fuzzer found, grouped into classes: route, input shape, what was wrong, status. */
final class Findings {
  private static final int EXAMPLES_SHOWN = 20;

  /** One class of failure, how often it happened and its first example. */
  static final class Finding {
    final String route;
    final String shape;
    final String problem;
    final int status;
    final String example;
    final String answer;
    int count;

    Finding(String route, String shape, String problem, int status, String example, String answer) {
      this.route = route;
      this.shape = shape;
      this.problem = problem;
      this.status = status;
      this.example = example;
      this.answer = answer;
    }
  }

  private final Map<String, Finding> classes = new LinkedHashMap<>();
  private final List<Finding> firstOffences = new ArrayList<>();
  private int total;

  void add(String route, String shape, String problem, int status, String example, String answer) {
    total++;
    String key = route + "|" + shape + "|" + problem + "|" + status;
    Finding finding = classes.computeIfAbsent(key, k -> new Finding(route, shape, problem, status, example, answer));
    finding.count++;
    if (firstOffences.size() < EXAMPLES_SHOWN) {
      firstOffences.add(new Finding(route, shape, problem, status, example, answer));
    }
  }

  boolean isEmpty() {
    return total == 0;
  }

  int total() {
    return total;
  }

  List<Finding> classes() {
    return List.copyOf(classes.values());
  }

  /** One line per class: count, problem, status, route, shape. */
  String summary() {
    StringBuilder out = new StringBuilder();
    out.append(total).append(" offending answers in ").append(classes.size()).append(" classes (report above):\n");
    for (Finding f : classes.values()) {
      out.append(String.format("  %5d x %-13s %-4s %s | %s%n", f.count, f.problem, f.status == 0 ? "-" : f.status,
          f.route, f.shape));
    }
    return out.toString();
  }

  /** Every class with its count and one example, then the first offending requests grouped by route. */
  String report() {
    StringBuilder out = new StringBuilder();
    out.append(total).append(" offending answers in ").append(classes.size()).append(" classes\n");
    Map<String, List<Finding>> byRoute = new TreeMap<>();
    for (Finding f : classes.values()) byRoute.computeIfAbsent(f.route, r -> new ArrayList<>()).add(f);
    byRoute.forEach((route, found) -> {
      out.append("== ").append(route).append('\n');
      for (Finding f : found) {
        out.append(String.format("  %5d x %-13s %-4s %s%n", f.count, f.problem, f.status == 0 ? "-" : f.status, f.shape));
        out.append("          e.g. ").append(f.example).append('\n');
        out.append("          -> ").append(f.answer).append('\n');
      }
    });
    Map<String, List<Finding>> firstByRoute = new TreeMap<>();
    for (Finding f : firstOffences) firstByRoute.computeIfAbsent(f.route, r -> new ArrayList<>()).add(f);
    out.append("-- the first ").append(firstOffences.size()).append(" offending requests, by route\n");
    firstByRoute.forEach((route, found) -> {
      out.append("== ").append(route).append('\n');
      for (Finding f : found) {
        out.append("  ").append(f.status).append(' ').append(f.problem).append(": ").append(f.example).append('\n');
        out.append("     -> ").append(f.answer).append('\n');
      }
    });
    return out.toString();
  }
}
