package io.limbic.cluster.http;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code limbic.dashboard}: the secret sessions are signed with (empty: one kept in the data directory, so every
 * node of a cluster must then be given the same one), how long a session lasts, when the cookie is marked
 * {@code Secure} ({@code auto}: when the request came over TLS, directly or as {@code X-Forwarded-Proto: https}),
 * and how often the live feed looks for new emotions.
 */
public record DashboardSettings(String sessionSecret, Duration sessionTtl, SecureCookie secureCookie,
    Duration liveInterval) {
  public static final String SECRET_FILE = "dashboard-session-secret";

  public enum SecureCookie { AUTO, ALWAYS, NEVER }

  public static DashboardSettings from(Config config) {
    Config c = config.getConfig("limbic.dashboard");
    String secure = c.getString("secure-cookie").toUpperCase(Locale.ROOT);
    SecureCookie mode;
    try {
      mode = SecureCookie.valueOf(secure);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("limbic.dashboard.secure-cookie must be auto, always or never");
    }
    return new DashboardSettings(c.getString("session-secret"), c.getDuration("session-ttl"), mode,
        c.getDuration("live-interval"));
  }

  @Override
  public String toString() {
    return "DashboardSettings[sessionTtl=" + sessionTtl + ", secureCookie=" + secureCookie + "]";
  }
}
