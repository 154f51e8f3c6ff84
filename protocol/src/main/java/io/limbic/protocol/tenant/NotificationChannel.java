package io.limbic.protocol.tenant;

import io.limbic.protocol.CborSerializable;
import java.util.Locale;

/** Where the notification agent sends a tenant's notable events. Version 1. */
public record NotificationChannel(Type type, String url) implements CborSerializable {
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
