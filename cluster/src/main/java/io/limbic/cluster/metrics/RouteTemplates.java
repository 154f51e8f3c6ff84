package io.limbic.cluster.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request path as the route template of openapi.json that it matches ({@code /v1/users/{userId}}), so metrics and
 * spans have one series per route rather than one per user. A path no template matches is {@link #UNMATCHED}
 * (scanners' probes and typos stay one series).
 */
public final class RouteTemplates {
  public static final String UNMATCHED = "unmatched";

  private record Template(String template, Pattern pattern, int parameters) {}

  private final List<Template> templates;

  private RouteTemplates(List<Template> templates) {
    this.templates = templates;
  }

  /** The templates of the openapi.json the server publishes. */
  public static RouteTemplates fromOpenApi() {
    try (InputStream in = RouteTemplates.class.getClassLoader().getResourceAsStream("openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json is not on the classpath");
      JsonNode paths = new ObjectMapper().readTree(in).path("paths");
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) names.add(it.next());
      return of(names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Literal segments win over parameters: {@code /v1/users/erasures} before {@code /v1/users/{userId}}. */
  public static RouteTemplates of(List<String> paths) {
    List<Template> list = new ArrayList<>();
    for (String path : paths) {
      StringBuilder regex = new StringBuilder();
      int parameters = 0;
      for (String part : trimmed(path).split("/", -1)) {
        if (regex.length() > 0 || !part.isEmpty()) regex.append('/');
        if (part.startsWith("{") && part.endsWith("}")) {
          regex.append("[^/]+");
          parameters++;
        } else {
          regex.append(Pattern.quote(part));
        }
      }
      list.add(new Template(path, Pattern.compile(regex.length() == 0 ? "/" : regex.toString()), parameters));
    }
    list.sort(Comparator.comparingInt(Template::parameters));
    return new RouteTemplates(List.copyOf(list));
  }

  public String of(String path) {
    String p = trimmed(path);
    if (p.isEmpty()) p = "/";
    for (Template t : templates) if (t.pattern().matcher(p).matches()) return t.template();
    return UNMATCHED;
  }

  private static String trimmed(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
