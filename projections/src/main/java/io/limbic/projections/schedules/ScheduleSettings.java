package io.limbic.projections.schedules;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code limbic.schedules} (README "Jobs and schedules").
 *
 * @param tick how often the cluster's one ticker looks for due runs (cron has minute resolution)
 * @param maxRetries retries of a failed run within its period (the first run not counted)
 * @param minBackoff the wait before retry n is min-backoff * 2^(n-1), at most max-backoff
 * @param defaultsForTenantsWithData whether tenants with data (rows in the user-activity read model) get the defaults
 */
public record ScheduleSettings(
    Duration tick, int maxRetries, Duration minBackoff, Duration maxBackoff, boolean defaultsForTenantsWithData,
    List<ScheduleDefault> defaults) {

  public static ScheduleSettings from(Config config) {
    Config c = config.getConfig("limbic.schedules");
    List<ScheduleDefault> defaults = new ArrayList<>();
    Config d = c.getConfig("defaults");
    for (String name : d.root().keySet().stream().sorted().toList()) {
      Config one = d.getConfig("\"" + name + "\"");
      defaults.add(new ScheduleDefault(name, one.getString("kind"), one.getString("cron"), one.getString("request")));
    }
    return new ScheduleSettings(c.getDuration("tick"), c.getInt("max-retries"), c.getDuration("min-backoff"),
        c.getDuration("max-backoff"), c.getBoolean("defaults-for-tenants-with-data"), List.copyOf(defaults));
  }

  /** The wait before retry {@code n} (1 = the first retry). */
  public Duration backoff(int n) {
    Duration wait = minBackoff;
    for (int i = 1; i < n && wait.compareTo(maxBackoff) < 0; i++) wait = wait.multipliedBy(2);
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
