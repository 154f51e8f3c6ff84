package io.limbic.cluster.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code limbic.user-tokens}: the tenants' own signing keys, the secret the node issues tokens with (empty: one kept
 * in the data directory), the lifetime of an issued token when the request names none and its bound, and the clock
 * skew allowed on exp, nbf and iat.
 */
public record UserTokenSettings(
    String keys, String issuerSecret, Duration defaultTtl, Duration maxTtl, Duration clockSkew) {
  public static final String SECRET_FILE = "user-token-secret";

  public UserTokenSettings {
    if (maxTtl.compareTo(defaultTtl) < 0) {
      throw new IllegalArgumentException("limbic.user-tokens.max-ttl must be at least default-ttl");
    }
  }

  public static UserTokenSettings from(Config config) {
    Config c = config.getConfig("limbic.user-tokens");
    return new UserTokenSettings(c.getString("keys"), c.getString("issuer-secret"), c.getDuration("default-ttl"),
        c.getDuration("max-ttl"), c.getDuration("clock-skew"));
  }

  @Override
  public String toString() {
    return "UserTokenSettings[defaultTtl=" + defaultTtl + ", maxTtl=" + maxTtl + ", clockSkew=" + clockSkew + "]";
  }
}
