package io.limbic.projections.agents;

import com.typesafe.config.Config;

/**
 * One agent's settings: {@code limbic.agents.<name>} over {@code limbic.agents.defaults}.
 *
 * @param failureMode when the agent's section sets {@code failure-mode}; otherwise the agent's own choice applies
 */
public record AgentSettings(RetrySchedule retries, java.util.Optional<FailureMode> failureMode) {

  public static AgentSettings of(Config config, String agent) {
    Config defaults = config.getConfig("limbic.agents.defaults");
    String path = "limbic.agents.\"" + agent + "\"";
    Config own = config.hasPath(path) ? config.getConfig(path).withFallback(defaults) : defaults;
    RetrySchedule retries =
        new RetrySchedule(own.getInt("max-attempts"), own.getDuration("min-backoff"), own.getDuration("max-backoff"));
    java.util.Optional<FailureMode> mode =
        own.hasPath("failure-mode") && !own.getString("failure-mode").isBlank()
            ? java.util.Optional.of(FailureMode.valueOf(own.getString("failure-mode").toUpperCase(java.util.Locale.ROOT)))
            : java.util.Optional.empty();
    return new AgentSettings(retries, mode);
  }
}
