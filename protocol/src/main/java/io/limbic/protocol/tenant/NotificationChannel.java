package io.limbic.protocol.tenant;

import io.limbic.protocol.CborSerializable;
import java.util.List;
import java.util.Locale;

/**
 * Where the notification agent sends a tenant's notable events, and which kinds of them. Version 1; {@code kinds}
 * was added later and reads as {@link #DEFAULT_KINDS} from events stored without it.
 *
 * @param kinds of {@link #KINDS}: "emotion", "churn", "at_risk"
 */
public record NotificationChannel(Type type, String url, List<String> kinds) implements CborSerializable {
  public static final List<String> KINDS = List.of("emotion", "churn", "at_risk");
  public static final List<String> DEFAULT_KINDS = List.of("emotion", "churn");

  public NotificationChannel {
    kinds = kinds == null ? DEFAULT_KINDS : List.copyOf(kinds);
  }

  public NotificationChannel(Type type, String url) {
    this(type, url, DEFAULT_KINDS);
  }

  public boolean wants(String kind) {
    return kinds.contains(kind);
  }

  public enum Type {
    /** A JSON body with the notification and its idempotency key (also as the Idempotency-Key header). */
    WEBHOOK,
    /** Slack's incoming-webhook format, {@code {"text": ...}}. */
    SLACK;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
