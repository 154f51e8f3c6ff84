package io.limbic.protocol.tenant;

import io.limbic.protocol.CborSerializable;
import java.util.List;

/**
 * A tenant's notification channels as its settings entity answers them: a record of its own, because the answer
 * crosses nodes when the entity lives on another one and a bare {@code List} has no serializer there.
 */
public record NotificationChannels(List<NotificationChannel> channels) implements CborSerializable {
  public NotificationChannels {
    channels = List.copyOf(channels);
  }
}
