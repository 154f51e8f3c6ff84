package io.limbic.cluster.http;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which web pages may open the WebSocket for a tenant: {@code limbic.http.allowed-origins} /
 * {@code LIMBIC_ALLOWED_ORIGINS} = {@code tenant=https://a.example|https://b.example,tenant2=...}. A browser always
 * sends {@code Origin} on a WebSocket upgrade, so a page of another site cannot use a key it found; clients that
 * are not browsers send none and are not affected. The node's own pages (the SDK demo) are always allowed.
 */
public final class AllowedOrigins {
  private final Map<String, Set<String>> byTenant;

  private AllowedOrigins(Map<String, Set<String>> byTenant) {
    this.byTenant = byTenant;
  }

  public static AllowedOrigins parse(String spec) {
    Map<String, Set<String>> byTenant = new HashMap<>();
    if (spec == null || spec.isBlank()) return new AllowedOrigins(Map.of());
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) continue;
      int eq = entry.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("allowed origins: expected tenant=origin|origin, got '" + entry + "'");
      String tenant = entry.substring(0, eq).strip();
      for (String origin : entry.substring(eq + 1).split("\\|")) {
        if (origin.isBlank()) continue;
        String normal = normalize(origin.strip())
            .orElseThrow(() -> new IllegalArgumentException("allowed origins: '" + origin + "' is not scheme://host[:port]"));
        byTenant.computeIfAbsent(tenant, t -> new HashSet<>()).add(normal);
      }
    }
    return new AllowedOrigins(Map.copyOf(byTenant));
  }

  /**
   * Whether an upgrade with this {@code Origin} (absent for non-browser clients) may use the tenant's key on a
   * request whose {@code Host} header is {@code host}.
   */
  public boolean allows(String tenant, Optional<String> origin, String host) {
    if (origin.isEmpty()) return true;
    Optional<String> normal = normalize(origin.get().strip());
    if (normal.isEmpty()) return false; // "null" (sandboxed pages, files) and anything unparseable
    if (isOwn(normal.get(), host)) return true;
    return byTenant.getOrDefault(tenant, Set.of()).contains(normal.get());
  }

  /** The page came from this node: its host and port are the ones the request was sent to. */
  private static boolean isOwn(String origin, String host) {
    if (host == null || host.isBlank()) return false;
    String scheme = origin.substring(0, origin.indexOf("://"));
    return normalize(scheme + "://" + host.strip()).map(origin::equals).orElse(false);
  }

  /** {@code scheme://host:port}, lower case, with the scheme's default port made explicit. */
  static Optional<String> normalize(String origin) {
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null || host == null) return Optional.empty();
      scheme = scheme.toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) return Optional.empty();
      if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) return Optional.empty();
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port);
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }
}
